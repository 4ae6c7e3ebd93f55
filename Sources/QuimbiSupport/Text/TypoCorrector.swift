import QuimbiCore

/// Corrects a misspelt word to the one cue word within one edit (insertion, deletion,
/// substitution or adjacent transposition) by the symmetric-delete method: both the word and
/// every cue word are indexed by their one-letter deletions. The first letter must agree (it is
/// rarely the mistyped one, and this keeps `chase` from becoming the French `casse`).
///
/// Every word of every ticket is looked up here, and an unknown one with each of its deletions: the
/// words are ``NumberedSpellings`` (the tokenizer's words are folded, so their bytes are their spelling),
/// looked up from the bytes of a deletion without making a `String` of it.
struct TypoCorrector: Sendable {
    /// Shorter words are never corrected: too many real words are one edit from each other.
    static let minimumLength = 5
    /// Only cue words this long are corrected to.
    static let minimumTargetLength = 6
    /// Longer words are never corrected.
    static let maximumLength = 24

    /// The cue words and each of their one-letter deletions.
    private let keys: NumberedSpellings
    /// For each of ``keys``, the cue word's number in ``targets``; ``ambiguous`` for a key that more than
    /// one cue word gives.
    private let targetOfKey: [Int]
    /// The cue words corrected to, by number.
    private let targets: [String]
    private let known: NumberedSpellings
    private static let ambiguous = -1

    /// `vocabulary` is what words are corrected to; `known` words (cue words and common words of
    /// every supported language) are left as they are.
    init(vocabulary: Set<String>, known: Set<String>) {
        let targets = vocabulary.filter { $0.utf8.count >= Self.minimumTargetLength }.sorted()
        var targetsByKey: [String: Int] = [:]
        func index(_ key: String, _ target: Int) {
            if let existing = targetsByKey[key], existing != target {
                targetsByKey[key] = Self.ambiguous
            } else {
                targetsByKey[key] = target
            }
        }
        for (number, word) in targets.enumerated() {
            word.withContiguousUTF8 { utf8 in
                _ = Self.allDeletions(of: utf8) { key in
                    index(String(decoding: key, as: UTF8.self), number)
                    return true
                }
            }
            index(word, number)
        }
        let keyed = targetsByKey.sorted { $0.key < $1.key }
        self.targets = targets
        keys = NumberedSpellings(keyed.map(\.key))
        targetOfKey = keyed.map(\.value)
        self.known = NumberedSpellings(known.union(vocabulary).sorted())
    }

    /// The tokens with each unknown, correctable word replaced by its cue word.
    func correct(_ tokens: [String]) -> [String] {
        var corrected = tokens
        for (position, token) in tokens.enumerated() {
            let length = token.utf8.count
            guard length >= Self.minimumLength, length <= Self.maximumLength, known.number(of: token) == nil else { continue }
            if let correction = correction(of: token) { corrected[position] = correction }
        }
        return corrected
    }

    /// The one cue word within an edit of `token`, or nil when there is none or more than one.
    private func correction(of token: String) -> String? {
        token.withContiguousUTF8 { utf8 in
            var candidate: Int?
            /// Records the cue word `key` gives, if any; false when it differs from one recorded before.
            func agrees(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
                guard let key = keys.number(ofUTF8: key), case let target = targetOfKey[key], target != Self.ambiguous,
                      targets[target].utf8.first == utf8.first else { return true }
                if let other = candidate, other != target { return false }
                candidate = target
                return true
            }
            guard agrees(utf8), Self.allDeletions(of: utf8, satisfy: agrees) else { return nil }
            return candidate.map { targets[$0] }
        }
    }

    /// Whether `predicate` holds for each of `word`'s one-letter deletions (stopping at the first that
    /// fails), each built in one stack buffer.
    private static func allDeletions(
        of word: UnsafeBufferPointer<UInt8>, satisfy predicate: (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { buffer in
            word.indices.allSatisfy { skipped in
                var length = 0
                for index in word.indices where index != skipped {
                    buffer[length] = word[index]
                    length += 1
                }
                return predicate(UnsafeBufferPointer(rebasing: buffer[..<length]))
            }
        }
    }
}
