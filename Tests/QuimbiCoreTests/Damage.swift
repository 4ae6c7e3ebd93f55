import QuimbiCore

/// Text damaged as a transmission or a careless hand damages it, for the plain-shape readers' tests.
enum Damage {
    /// `text`'s bytes with one to four random edits: a byte removed, replaced or inserted, the new ones
    /// taken from `alphabet` (JSON's punctuation and the letters that start its literals and numbers);
    /// `nil` when the result is not valid UTF-8.
    static func applied(to text: String, alphabet: [UInt8], _ random: inout SplitMix64) -> String? {
        var bytes = Array(text.utf8)
        for _ in 0...random.next(below: 3) {
            let at = random.next(below: bytes.count)
            switch random.next(below: 3) {
            case 0: bytes.remove(at: at)
            case 1: bytes[at] = alphabet[random.next(below: alphabet.count)]
            default: bytes.insert(alphabet[random.next(below: alphabet.count)], at: at)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
