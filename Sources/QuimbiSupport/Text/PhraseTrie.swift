import QuimbiCore

/// A trie over token sequences: finds every occurrence of many phrases in one pass over the tokens.
///
/// Phrases are written as plain text and tokenized like the tickets, so `"où est ma commande"`
/// matches "Où est ma commande ?". A `*` in a phrase matches any one token.
///
/// Each word of the phrases is numbered: a text's tokens are looked up once each (in ``NumberedSpellings``:
/// tokens and phrase words are folded alike), and the walk from every token then follows numbers (hashing a
/// `String` at every step and for every wildcard cost a sixteenth of a ticket's work).
struct PhraseTrie<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        /// The next node by the number of the next word.
        var children: [Int: Int] = [:]
        /// The next node when any word follows (`*`).
        var wildcard: Int?
        var payloads: [Payload] = []
    }

    /// One phrase found in the tokens, spanning `range`.
    struct Match {
        var payload: Payload
        var range: Range<Int>
    }

    private var nodes = [Node()]
    private(set) var maxDepth = 0
    /// The number of each word used in a phrase.
    private var wordNumbers = NumberedSpellings()
    /// Every word used in a phrase (the typo corrector's vocabulary).
    var vocabulary: Set<String> { Set(wordNumbers.spellings) }

    /// Adds `phrase`; a match of it reports `payload`.
    mutating func insert(_ phrase: String, payload: Payload) {
        let words = phrase.split(separator: " ").flatMap { $0 == "*" ? ["*"] : TokenizedText(String($0)).tokens }
        precondition(!words.isEmpty, "empty phrase")
        var node = 0
        for word in words {
            let existing = word == "*" ? nodes[node].wildcard : nodes[node].children[wordNumbers.insert(word)]
            if let existing {
                node = existing
                continue
            }
            nodes.append(Node())
            if word == "*" {
                nodes[node].wildcard = nodes.count - 1
            } else {
                nodes[node].children[wordNumbers.insert(word)] = nodes.count - 1
            }
            node = nodes.count - 1
        }
        nodes[node].payloads.append(payload)
        maxDepth = max(maxDepth, words.count)
    }


    /// Every occurrence of every phrase, in token order.
    func matches(in tokens: [String]) -> [Match] {
        // A word no phrase uses is -1: only a wildcard follows it.
        let words = tokens.map { wordNumbers.number(of: $0) ?? -1 }
        var found: [Match] = []
        for start in words.indices {
            walk(from: 0, words: words, start: start, position: start, into: &found)
        }
        return found
    }

    private func walk(from node: Int, words: [Int], start: Int, position: Int, into found: inout [Match]) {
        guard position < words.count, position - start < maxDepth else { return }
        if let next = nodes[node].children[words[position]] { step(to: next, words: words, start: start, position: position, into: &found) }
        if let next = nodes[node].wildcard { step(to: next, words: words, start: start, position: position, into: &found) }
    }

    private func step(to next: Int, words: [Int], start: Int, position: Int, into found: inout [Match]) {
        for payload in nodes[next].payloads {
            found.append(Match(payload: payload, range: start..<(position + 1)))
        }
        walk(from: next, words: words, start: start, position: position + 1, into: &found)
    }
}
