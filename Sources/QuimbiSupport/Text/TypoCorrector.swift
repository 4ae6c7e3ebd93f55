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
            for key in Self.deletions(of: word) + [word] { index(key, word) }
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

    private func correction(of token: String) -> String? {
        var candidate: String?
        for key in [token] + Self.deletions(of: token) {
            guard let word = wordsByDeletion[key], !ambiguous.contains(key), word.utf8.first == token.utf8.first else { continue }
            if let other = candidate, other != word { return nil }
            candidate = word
        }
        return candidate
    }

    private static func deletions(of word: String) -> [String] {
        let bytes = Array(word.utf8)
        return bytes.indices.map { skipped in
            var shortened = bytes
            shortened.remove(at: skipped)
            return String(decoding: shortened, as: UTF8.self)
        }
    }
}
