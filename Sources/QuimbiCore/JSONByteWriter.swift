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
    mutating func writeString(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte == 0x22 || byte == 0x5C || byte < 0x20 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                writeEscaped(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
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
        let text = value.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }
}
