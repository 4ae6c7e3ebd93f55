import Foundation

/// Distinct strings, numbered 0, 1, 2… in the order they were first inserted, and found by their UTF-8 bytes.
///
/// A `Dictionary` or `Set` keyed by `String` hashes with SipHash and, for text that is not ASCII, normalizes
/// it to NFC at every lookup: a ticket's words go through several such tables (typo correction, the
/// phrase trie, language detection) and its items through another, which cost a tenth of a ticket's work.
/// This hashes eight bytes at a step and looks a string up straight from bytes, without a `String`; what a
/// number stands for lives in the caller's own arrays.
///
/// Strings are equal when their bytes are: text that is canonically equivalent but spelt with other
/// scalars is another string. Use it where strings and lookups come from the same spelling (the
/// tokenizer's folded words; item names from one store), or fall back to a `String` lookup on a miss.
///
/// The hash is not keyed: a table whose strings an attacker chooses could be made to collide. The strings
/// here are the project's own vocabularies and the store's items; lookups of any text only probe.
public struct NumberedSpellings: Sendable {
    /// Open addressing with linear probing: for each slot, the number of its string plus one (0: empty),
    /// and the high half of its hash (compared before the bytes). A power of two, at most half full.
    private var slots: [(number: UInt32, hash: UInt32)]
    /// String `n`'s bytes are `bytes[ends[n - 1] ..< ends[n]]` (from 0 for the first).
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// The strings, by number.
    public private(set) var spellings: [String] = []

    /// No strings.
    public init() {
        slots = Array(repeating: (0, 0), count: 16)
    }

    /// `strings` numbered in their order (a repeated one keeps its first number).
    public init(_ strings: some Sequence<String>) {
        self.init()
        for string in strings { insert(string) }
    }

    /// Number of strings.
    public var count: Int { spellings.count }

    /// The number of `string`, if it is here.
    public func number(of string: String) -> Int? {
        string.withContiguousUTF8 { number(ofUTF8: $0) }
    }

    /// The number of the string spelt by `utf8`, if it is here.
    public func number(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        find(utf8, hash: Self.hash(utf8)).number
    }

    /// The number of `string`, numbering it if it is new.
    @discardableResult
    public mutating func insert(_ string: String) -> Int {
        string.withContiguousUTF8 { utf8 in
            let hash = Self.hash(utf8)
            let found = find(utf8, hash: hash)
            if let number = found.number { return number }
            let number = spellings.count
            slots[found.slot] = (UInt32(number + 1), UInt32(truncatingIfNeeded: hash >> 32))
            bytes.append(contentsOf: utf8)
            ends.append(bytes.count)
            spellings.append(String(decoding: utf8, as: UTF8.self))
            if spellings.count * 2 > slots.count { rehash(capacity: slots.count * 2) }
            return number
        }
    }

    /// The number of the string spelt by `utf8`, or the empty slot where it would go.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (number: Int?, slot: Int) {
        let mask = slots.count - 1
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { stored in
                ends.withUnsafeBufferPointer { ends in
                    while true {
                        let candidate = slots[slot]
                        if candidate.number == 0 { return (nil, slot) }
                        if candidate.hash == tag {
                            let number = Int(candidate.number) - 1
                            let start = number == 0 ? 0 : ends[number - 1]
                            if ends[number] - start == utf8.count,
                               utf8.isEmpty || memcmp(stored.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0 {
                                return (number, slot)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func rehash(capacity: Int) {
        var grown: [(number: UInt32, hash: UInt32)] = Array(repeating: (0, 0), count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBufferPointer { stored in
            for number in spellings.indices {
                let start = number == 0 ? 0 : ends[number - 1]
                let hash = Self.hash(UnsafeBufferPointer(rebasing: stored[start..<ends[number]]))
                var slot = Int(truncatingIfNeeded: hash) & mask
                while grown[slot].number != 0 { slot = (slot + 1) & mask }
                grown[slot] = (UInt32(number + 1), UInt32(truncatingIfNeeded: hash >> 32))
            }
        }
        slots = grown
    }

    /// A 64-bit hash of `utf8`: eight bytes at a step, each folded in by a multiply, then SplitMix64's
    /// finaliser so that the low bits (the slot) and the high ones (the tag) both depend on every byte.
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: utf8.count)
        guard let base = UnsafeRawPointer(utf8.baseAddress) else { return SplitMix64.mix(hash) }
        var index = 0
        while index + 8 <= utf8.count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
            hash ^= hash >> 32
            index += 8
        }
        if index < utf8.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < utf8.count {
                tail |= UInt64(utf8[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* multiplier
        }
        return SplitMix64.mix(hash)
    }
}
