/// A position in a JSON text, with the few readers the plain-shape readers (``PlainTicketReader``,
/// ``PlainOrderJSON``) need. Every reader returns `nil` or `false`, without a partial result, when the
/// text there is not what it reads.
struct JSONCursor {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    /// Moves past JSON whitespace; always `true`, so that it chains in a condition.
    mutating func skipWhitespace() -> Bool {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        return true
    }

    /// Moves past `byte` when it is next.
    mutating func take(ascii byte: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: byte) else { return false }
        index += 1
        return true
    }

    /// Moves past the literal `null` when it is next.
    mutating func takeNull() -> Bool {
        guard bytes.count - index >= 4, bytes[index] == 0x6E, bytes[index + 1] == 0x75, bytes[index + 2] == 0x6C,
              bytes[index + 3] == 0x6C else { return false }
        index += 4
        return true
    }

    /// The bytes of a key written without escapes (between its quotes, in the text itself).
    mutating func plainKey() -> UnsafeBufferPointer<UInt8>? {
        guard take(ascii: "\"") else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != 0x22 {
            guard bytes[index] != 0x5C, bytes[index] >= 0x20 else { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// A string value, its escapes decoded.
    mutating func string() -> String? {
        guard take(ascii: "\"") else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x22:
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            case 0x5C:
                return escapedString(from: start)
            case 0x00..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// Stores what `read` reads, or `nil` for `null`, in `field`; `false` when neither is next.
    mutating func optional<Value>(into field: inout Value?, _ read: (inout JSONCursor) -> Value?) -> Bool {
        if takeNull() {
            field = nil
            return true
        }
        guard let value = read(&self) else { return false }
        field = value
        return true
    }

    /// Stores a string, or `nil` for `null`, in `field`.
    mutating func optionalString(into field: inout String?) -> Bool {
        optional(into: &field) { $0.string() }
    }

    /// Stores a number, or `nil` for `null`, in `field`.
    mutating func optionalDouble(into field: inout Double?) -> Bool {
        optional(into: &field) { $0.double() }
    }

    /// An array whose elements `readElement` reads; `nil` when the text is not an array or an element is declined.
    mutating func array<Element>(_ readElement: (inout JSONCursor) -> Element?) -> [Element]? {
        guard take(ascii: "["), skipWhitespace() else { return nil }
        var elements: [Element] = []
        if take(ascii: "]") { return elements }
        repeat {
            guard skipWhitespace(), let element = readElement(&self), skipWhitespace() else { return nil }
            elements.append(element)
        } while take(ascii: ",")
        return take(ascii: "]") ? elements : nil
    }

    /// An integer written as JSON digits (an optional `-`, no leading zero, no fraction or exponent) that fits an `Int`.
    mutating func integer() -> Int? {
        guard let (end, isInteger) = numberEnd(), isInteger,
              let value = DecimalNumber.integer(UnsafeBufferPointer(rebasing: bytes[index..<end]))
        else { return nil }
        index = end
        return value
    }

    /// A JSON number as the nearest `Double` (as `JSONDecoder` reads it); `nil` past the finite range.
    mutating func double() -> Double? {
        guard let (end, _) = numberEnd(), let value = DecimalNumber.double(UnsafeBufferPointer(rebasing: bytes[index..<end])),
              value.isFinite
        else { return nil }
        index = end
        return value
    }

    /// Where the JSON number starting here ends, and whether it has neither fraction nor exponent.
    private func numberEnd() -> (end: Int, isInteger: Bool)? {
        var end = index
        func digits() -> Int {
            let start = end
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
            return end - start
        }
        if end < bytes.count, bytes[end] == 0x2D { end += 1 }
        let leading = end < bytes.count ? bytes[end] : 0
        let integerDigits = digits()
        guard integerDigits > 0, leading != 0x30 || integerDigits == 1 else { return nil }
        var isInteger = true
        if end < bytes.count, bytes[end] == 0x2E {
            end += 1
            isInteger = false
            guard digits() > 0 else { return nil }
        }
        if end < bytes.count, bytes[end] == 0x65 || bytes[end] == 0x45 {
            end += 1
            isInteger = false
            if end < bytes.count, bytes[end] == 0x2B || bytes[end] == 0x2D { end += 1 }
            guard digits() > 0 else { return nil }
        }
        return (end, isInteger)
    }

    /// Whether `utf8` holds one value (and whitespace around it) that `readValue` reads.
    static func isWhole(_ utf8: UnsafeBufferPointer<UInt8>, reading readValue: (inout JSONCursor) -> Bool) -> Bool {
        var cursor = JSONCursor(utf8)
        return cursor.skipWhitespace() && readValue(&cursor) && cursor.skipWhitespace() && cursor.atEnd
    }

    /// An object whose members `readValue` reads, given each key with the cursor at its value; `false` when the
    /// text is not an object, a key is not one of `keys` (or is written with an escape), a key comes twice, or
    /// `readValue` declines a member. A key is found from its bytes: no `String` is made of it.
    mutating func members<Key>(of keys: PlainKeys<Key>, _ readValue: (Key, inout JSONCursor) -> Bool) -> Bool {
        guard take(ascii: "{"), skipWhitespace() else { return false }
        if take(ascii: "}") { return true }
        var seen = KeysSeen()
        repeat {
            guard skipWhitespace(), let name = plainKey(), let number = keys.spellings.number(ofUTF8: name), seen.first(number),
                  skipWhitespace(), take(ascii: ":"), skipWhitespace(), readValue(keys.all[number], &self), skipWhitespace()
            else { return false }
        } while take(ascii: ",")
        return take(ascii: "}")
    }

    /// The rest of a string that has an escape, from its first byte at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x22:
                return String(decoding: utf8, as: UTF8.self)
            case 0x5C:
                guard let scalar = escapedScalar() else { return nil }
                utf8.append(contentsOf: scalar.utf8)
            case 0x00..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The character an escape stands for, the backslash already read; a surrogate must come in a pair.
    private mutating func escapedScalar() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let letter = bytes[index]
        index += 1
        switch letter {
        case 0x22, 0x5C, 0x2F: return Unicode.Scalar(letter)
        case 0x62: return "\u{08}"
        case 0x66: return "\u{0C}"
        case 0x6E: return "\n"
        case 0x72: return "\r"
        case 0x74: return "\t"
        case 0x75:
            guard let unit = hexUnit() else { return nil }
            switch unit {
            case 0xD800..<0xDC00:
                guard take(ascii: "\\"), take(ascii: "u"), let low = hexUnit(), (0xDC00..<0xE000).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00..<0xE000:
                return nil
            default:
                return Unicode.Scalar(unit)
            }
        default:
            return nil
        }
    }

    /// Four hexadecimal digits.
    private mutating func hexUnit() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt32(byte - 0x30)
            case 0x41...0x46: value = value << 4 | UInt32(byte - 0x37)
            case 0x61...0x66: value = value << 4 | UInt32(byte - 0x57)
            default: return nil
            }
            index += 1
        }
        return value
    }
}

/// The keys of one plain-shape object, for ``JSONCursor/members(of:_:)``: numbered in the order of `Key.allCases`
/// and found by their bytes (``NumberedSpellings``), without a `String` made of each key and matched against the
/// keys' names one after the other (as the synthesized `init(rawValue:)` matches them).
struct PlainKeys<Key: CaseIterable & RawRepresentable & Sendable>: Sendable where Key.RawValue == String {
    /// The keys, by number.
    let all: [Key]
    /// The keys' names, numbered as ``all`` numbers the keys.
    let spellings: NumberedSpellings

    init() {
        all = Array(Key.allCases)
        precondition(all.count <= KeysSeen.capacity, "an object of more keys than KeysSeen holds")
        spellings = NumberedSpellings(all.map(\.rawValue))
    }
}

/// The keys of an object read so far, a bit each (numbered by ``PlainKeys``), so that a key given twice is declined.
private struct KeysSeen {
    /// Most keys told apart.
    static let capacity = UInt32.bitWidth
    private var bits: UInt32 = 0

    /// Whether key number `position` is seen for the first time (it is seen from now on).
    mutating func first(_ position: Int) -> Bool {
        let bit: UInt32 = 1 << position
        defer { bits |= bit }
        return bits & bit == 0
    }
}
