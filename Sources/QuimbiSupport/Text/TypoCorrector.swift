/// Corrects a misspelt word to the one cue word within one edit (insertion, deletion,
/// substitution or adjacent transposition) by the symmetric-delete method: both the word and
/// every cue word are indexed by their one-letter deletions. The first letter must agree (it is
/// rarely the mistyped one, and this keeps `chase` from becoming the French `casse`).
struct TypoCorrector: Sendable {
    /// Shorter words are never corrected: too many real words are one edit from each other.
    static let minimumLength = 5
    /// Only cue words this long are corrected to.
    static let minimumTargetLength = 6

    private var wordsByDeletion: [String: String] = [:]
    private var ambiguous: Set<String> = []
    private let known: Set<String>

    /// `vocabulary` is what words are corrected to; `known` words (cue words and common words of
    /// every supported language) are left as they are.
    init(vocabulary: Set<String>, known: Set<String>) {
        self.known = known.union(vocabulary)
        for word in vocabulary where word.utf8.count >= Self.minimumTargetLength {
            _ = Self.allDeletions(of: word) { key in
                index(key, word)
                return true
            }
            index(word, word)
        }
    }

    private mutating func index(_ key: String, _ word: String) {
        if let existing = wordsByDeletion[key], existing != word {
            ambiguous.insert(key)
        } else {
            wordsByDeletion[key] = word
        }
    }

    /// The tokens with each unknown, correctable word replaced by its cue word.
    func correct(_ tokens: [String]) -> [String] {
        tokens.map { token in
            guard token.utf8.count >= Self.minimumLength, token.utf8.count <= 24, !known.contains(token) else { return token }
            return correction(of: token) ?? token
        }
    }

    /// The one cue word within an edit of `token`, or nil when there is none or more than one.
    private func correction(of token: String) -> String? {
        let first = token.utf8.first
        var candidate: String?
        /// Records the cue word `key` indexes, if any; false when it differs from one recorded before.
        func agrees(_ key: String) -> Bool {
            guard let word = wordsByDeletion[key], !ambiguous.contains(key), word.utf8.first == first else { return true }
            if let other = candidate, other != word { return false }
            candidate = word
            return true
        }
        guard agrees(token), Self.allDeletions(of: token, satisfy: agrees) else { return nil }
        return candidate
    }

    /// Whether `predicate` holds for each of `word`'s one-letter deletions (stopping at the first that
    /// fails). Tried for each unknown word of every ticket, so the deletions are built in one stack
    /// buffer, and most are short enough to be stored inline in their `String`.
    private static func allDeletions(of word: String, satisfy predicate: (String) -> Bool) -> Bool {
        var word = word
        return word.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
                utf8.indices.allSatisfy { skipped in
                    var length = 0
                    for index in utf8.indices where index != skipped {
                        buffer[length] = utf8[index]
                        length += 1
                    }
                    return predicate(String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self))
                }
            }
        }
    }
}
