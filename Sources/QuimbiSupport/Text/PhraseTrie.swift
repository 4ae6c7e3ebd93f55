/// A trie over token sequences: finds every occurrence of many phrases in one pass over the tokens.
///
/// Phrases are written as plain text and tokenized like the tickets, so `"où est ma commande"`
/// matches "Où est ma commande ?". A `*` in a phrase matches any one token.
struct PhraseTrie<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [String: Int] = [:]
        var payloads: [Payload] = []
    }

    /// One phrase found in the tokens, spanning `range`.
    struct Match {
        var payload: Payload
        var range: Range<Int>
    }

    private var nodes = [Node()]
    private(set) var maxDepth = 0
    /// Every word used in a phrase (the typo corrector's vocabulary).
    private(set) var vocabulary: Set<String> = []

    /// Adds `phrase`; a match of it reports `payload`.
    mutating func insert(_ phrase: String, payload: Payload) {
        let words = phrase.split(separator: " ").flatMap { $0 == "*" ? ["*"] : TokenizedText(String($0)).tokens }
        precondition(!words.isEmpty, "empty phrase")
        var node = 0
        for word in words {
            if word != "*" { vocabulary.insert(word) }
            if let next = nodes[node].children[word] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[word] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        nodes[node].payloads.append(payload)
        maxDepth = max(maxDepth, words.count)
    }

    /// Every occurrence of every phrase, in token order.
    func matches(in tokens: [String]) -> [Match] {
        var found: [Match] = []
        for start in tokens.indices {
            walk(from: 0, tokens: tokens, start: start, position: start, into: &found)
        }
        return found
    }

    private func walk(from node: Int, tokens: [String], start: Int, position: Int, into found: inout [Match]) {
        guard position < tokens.count, position - start < maxDepth else { return }
        if let next = nodes[node].children[tokens[position]] { step(to: next, tokens: tokens, start: start, position: position, into: &found) }
        if let next = nodes[node].children["*"] { step(to: next, tokens: tokens, start: start, position: position, into: &found) }
    }

    private func step(to next: Int, tokens: [String], start: Int, position: Int, into found: inout [Match]) {
        for payload in nodes[next].payloads {
            found.append(Match(payload: payload, range: start..<(position + 1)))
        }
        walk(from: next, tokens: tokens, start: start, position: position + 1, into: &found)
    }
}
