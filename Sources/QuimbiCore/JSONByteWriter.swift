import Foundation

/// Appends JSON tokens to a ``OutputBuffer``: escaped strings, numbers as Foundation's `JSONEncoder` writes
/// them (integral doubles without `.0`, non-finite ones refused), and literals.
struct JSONByteWriter: ~Copyable {
    private var buffer: OutputBuffer

    /// An empty writer with room for `capacity` bytes.
    init(capacity: Int) {
        buffer = OutputBuffer(capacity: capacity)
    }

    /// The JSON written so far.
    var bytes: [UInt8] { buffer.bytes }

    /// Bytes written so far.
    var count: Int { buffer.count }

    /// The last byte written, if any.
    var lastByte: UInt8? { buffer.lastByte }

    mutating func write(_ byte: UInt8) {
        buffer.append(byte)
    }

    mutating func writeLiteral(_ literal: StaticString) {
        buffer.append(literal)
    }

    /// Begins the member `key`: a comma unless it is the object's first, the key and the colon, as one
    /// append (a draft has some 120 keys). Keys are the events' own snake_case names, which need no escaping.
    mutating func key(_ key: StaticString) {
        let afterComma = lastByte != 0x7B
        key.withUTF8Buffer { name in
            let start = afterComma ? 1 : 0
            buffer.append(count: start + name.count + 3) { out in
                if afterComma { out[0] = 0x2C }
                out[start] = 0x22
                if let source = name.baseAddress { (out + start + 1).initialize(from: source, count: name.count) }
                out[start + name.count + 1] = 0x22
                out[start + name.count + 2] = 0x3A
            }
        }
    }

    /// A JSON string: `"`, `\` and control characters escaped; `/` and non-ASCII written as they are.
    mutating func writeString(_ text: String) {
        text.withContiguousUTF8 { writeString(utf8: $0) }
    }

    /// ``writeString(_:)`` of the text whose UTF-8 bytes are `utf8`: runs of bytes that need no escape are
    /// copied straight into the buffer, eight at a time, each word checked as it is copied (an event has
    /// some seventy strings, most of them short, and its prompt breaks lines every few dozen bytes).
    mutating func writeString(utf8: UnsafeBufferPointer<UInt8>) {
        buffer.reserve(utf8.count + 2)
        write(0x22)
        var index = 0
        while index < utf8.count {
            index = copyUntilEscape(utf8, from: index)
            guard index < utf8.count else { break }
            writeEscaped(utf8[index])
            index += 1
        }
        write(0x22)
    }

    /// Appends `utf8[start...]` up to its first byte to escape; returns that byte's index (`utf8.count` if none).
    private mutating func copyUntilEscape(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let source = UnsafeRawPointer(utf8.baseAddress) else { return start }
        var end = start
        buffer.append(atMost: utf8.count - start) { out in
            while end + 8 <= utf8.count {
                let word = source.loadUnaligned(fromByteOffset: end, as: UInt64.self)
                // The whole word is stored even when it holds an escape: it lies within the bytes reserved,
                // and only those before the escape are counted.
                UnsafeMutableRawPointer(out + (end - start)).storeBytes(of: word, as: UInt64.self)
                let mask = Self.escapeMask(UInt64(littleEndian: word))
                guard mask == 0 else {
                    end += mask.trailingZeroBitCount / 8
                    return end - start
                }
                end += 8
            }
            while end < utf8.count {
                let byte = utf8[end]
                guard byte != 0x22, byte != 0x5C, byte >= 0x20 else { break }
                out[end - start] = byte
                end += 1
            }
            return end - start
        }
        return end
    }

    /// The high bit of each byte of `word` (first byte lowest) that is `"`, `\` or below 0x20, by the bit
    /// tests for a zero byte (`(v - 0x01…) & ~v & 0x80…`) and for a byte below n (`(v - n·0x01…) & ~v &
    /// 0x80…`, n ≤ 128). A borrow can mark a byte above a marked one, never below: the lowest mark is exact.
    private static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highBits }
        let controls = (word &- ones &* 0x20) & ~word & highBits
        return controls | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    /// A date as an RFC 3339 string (``RFC3339/string(from:)``).
    mutating func writeDate(_ date: Date) {
        buffer.append(count: RFC3339.textLength + 2) { out in
            out[0] = 0x22
            RFC3339.write(date, into: out + 1)
            out[RFC3339.textLength + 1] = 0x22
        }
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        let short: UInt8
        switch byte {
        case 0x22, 0x5C: short = byte
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        default:
            writeLiteral("\\u00")
            for nibble in [byte >> 4, byte & 0x0F] { write(nibble < 10 ? 0x30 + nibble : 0x57 + nibble) }
            return
        }
        buffer.append(count: 2) { out in
            out[0] = 0x5C
            out[1] = short
        }
    }

    mutating func writeInteger<T: BinaryInteger>(_ value: T) {
        if value < 0 { write(0x2D) }
        let magnitude = UInt64(value.magnitude)
        let digits = DecimalDigits.count(of: magnitude)
        buffer.append(count: digits) { DecimalDigits.write(magnitude, count: digits, into: $0) }
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
        var text = value.description
        let kept = text.hasSuffix(".0") ? text.utf8.count - 2 : text.utf8.count
        text.withUTF8 { buffer.append(UnsafeBufferPointer(rebasing: $0.prefix(kept))) }
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
        // Between -1 and 0 the whole part, 0, has no sign of its own to write.
        if hundredths < 0, hundredths > -100 { write(0x2D) }
        writeInteger(hundredths / 100)
        var fraction = Int(hundredths.magnitude % 100)
        guard fraction != 0 else { return true }
        write(0x2E)
        write(0x30 + UInt8(fraction / 10))
        fraction %= 10
        if fraction != 0 { write(0x30 + UInt8(fraction)) }
        return true
    }
}
