import Foundation

/// Appends JSON tokens to a byte buffer: escaped strings, numbers as Foundation's `JSONEncoder`
/// writes them (integral doubles without `.0`, non-finite ones refused), and literals.
struct JSONByteWriter {
    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func writeLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string: `"`, `\` and control characters escaped; `/` and non-ASCII written as they are.
    /// The text is scanned eight bytes at a time while none of them needs escaping (most of a draft's
    /// text), and byte by byte around those that do.
    mutating func writeString(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            guard let base = UnsafeRawPointer(utf8.baseAddress) else { return }
            var start = 0
            var index = 0
            while index < utf8.count {
                if index + 8 <= utf8.count, !Self.needsEscaping(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                    writeEscaped(byte)
                    start = index + 1
                }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    /// Whether any of the eight bytes of `word` is `"`, `\` or below 0x20, by the exact bit tests for a
    /// zero byte (`(v - 0x01…) & ~v & 0x80…`) and for a byte below n (`(v - n·0x01…) & ~v & 0x80…`, n ≤ 128).
    private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
        let hasControl = (word &- ones &* 0x20) & ~word & highBits != 0
        return hasControl || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// A date as an RFC 3339 string (``RFC3339/string(from:)``).
    mutating func writeDate(_ date: Date) {
        bytes.append(0x22)
        RFC3339.append(date, to: &bytes)
        bytes.append(0x22)
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case 0x22: writeLiteral("\\\"")
        case 0x5C: writeLiteral("\\\\")
        case 0x08: writeLiteral("\\b")
        case 0x0C: writeLiteral("\\f")
        case 0x0A: writeLiteral("\\n")
        case 0x0D: writeLiteral("\\r")
        case 0x09: writeLiteral("\\t")
        default:
            writeLiteral("\\u00")
            for nibble in [byte >> 4, byte & 0x0F] { bytes.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble) }
        }
    }

    mutating func writeInteger<T: BinaryInteger>(_ value: T) {
        if value == 0 {
            bytes.append(0x30)
            return
        }
        if value < 0 { bytes.append(0x2D) }
        let first = bytes.count
        var magnitude = value.magnitude
        while magnitude > 0 {
            bytes.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[first...].reverse()
    }

    /// A finite floating-point number in its shortest exact form, `3` rather than `3.0`.
    ///
    /// - Throws: `EncodingError.invalidValue` (nothing written) for NaN and infinities, which JSON cannot
    ///   hold; its description names `place`.
    mutating func writeFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T, at place: @autoclosure () -> String) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) at \(place()) is not a valid JSON number"))
        }
        if let double = value as? Double, writeHundredths(double) { return }
        let text = value.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Writes `value` when it is a whole number of hundredths below 10¹² (money, scores, rates: most numbers
    /// of an event), without building its description: it is the double nearest to `hundredths / 100`, so
    /// that decimal, without trailing zeros, is its shortest exact form, as its description writes it.
    /// Returns `false`, writing nothing, for any other value (and for −0, whose description keeps the sign).
    private mutating func writeHundredths(_ value: Double) -> Bool {
        guard value.magnitude < 1e12, value != 0 || value.sign == .plus else { return false }
        let scaled = (value * 100).rounded()
        guard scaled / 100 == value else { return false }
        let hundredths = Int64(scaled)
        writeInteger(hundredths / 100)
        var fraction = Int(hundredths.magnitude % 100)
        guard fraction != 0 else { return true }
        if value < 0, hundredths / 100 == 0 { bytes.insert(0x2D, at: bytes.count - 1) }
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8(fraction / 10))
        fraction %= 10
        if fraction != 0 { bytes.append(0x30 + UInt8(fraction)) }
        return true
    }
}
