/// Finds, for one word token, every stem of a list that it matches, in time linear in the
/// token's length.
///
/// A stem is written `track*` (any word beginning so: `track`, `tracking`, `tracked`),
/// `*adresse` (any word ending so, for German compounds: `lieferadresse`) or plainly `eta` (that
/// word only). Stems are written folded, as ``TokenizedText`` produces tokens.
struct StemIndex<Payload: Sendable>: Sendable {
    /// A trie over the bytes of words (reversed for suffixes); a node's payloads belong to the
    /// stem that ends there.
    private struct ByteTrie: Sendable {
        private var children: [[UInt8: Int]] = [[:]]
        private var payloads: [[Payload]] = [[]]

        mutating func insert(_ bytes: some Sequence<UInt8>, payload: Payload) {
            var node = 0
            for byte in bytes {
                if let next = children[node][byte] {
                    node = next
                } else {
                    children.append([:])
                    payloads.append([])
                    children[node][byte] = children.count - 1
                    node = children.count - 1
                }
            }
            payloads[node].append(payload)
        }

        /// The payloads of every stem that `bytes` begins with.
        func collect(_ bytes: some Sequence<UInt8>, into found: inout [Payload]) {
            var node = 0
            for byte in bytes {
                guard let next = children[node][byte] else { return }
                node = next
                found.append(contentsOf: payloads[node])
            }
        }
    }

    private var words: [String: [Payload]] = [:]
    private var prefixes = ByteTrie()
    private var suffixes = ByteTrie()

    /// Adds `stem` (see the type's notation); a token matching it reports `payload`.
    mutating func insert(_ stem: String, payload: Payload) {
        precondition(stem.count > 1, "empty stem")
        if stem.hasSuffix("*") {
            prefixes.insert(stem.dropLast().utf8, payload: payload)
        } else if stem.hasPrefix("*") {
            suffixes.insert(stem.dropFirst().utf8.reversed(), payload: payload)
        } else {
            words[stem, default: []].append(payload)
        }
    }

    /// The payloads of every stem that `token` matches.
    func matches(_ token: String) -> [Payload] {
        var found = words[token] ?? []
        prefixes.collect(token.utf8, into: &found)
        suffixes.collect(token.utf8.reversed(), into: &found)
        return found
    }
}
