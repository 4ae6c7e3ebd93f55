import Foundation

/// Reads a ticket-created event of the plain shape every helpdesk mapping and webhook writes, without
/// Foundation's `JSONDecoder`: the worker's hot path.
///
/// "Plain" means one JSON object whose keys are the event's own (written without escapes, each once),
/// whose values are strings, `null` where the field is optional, an array of strings for `tags` and an
/// object of `system`/`account` for `source`. For anything else (an unknown or repeated key, a number,
/// a lone surrogate, an unknown channel, a timestamp that does not parse, bytes after the object) it
/// returns `nil` and leaves the verdict to `JSONDecoder`, so a ticket it reads is exactly the ticket
/// `JSONDecoder` would decode, and every rejection keeps its code and message.
///
/// The bytes must be valid UTF-8 (``TicketDecoder`` checks that first).
enum PlainTicketReader {
    /// The ticket in `utf8`, or `nil` when it is not of the plain shape.
    static func read(_ utf8: UnsafeBufferPointer<UInt8>) -> TicketCreated? {
        var cursor = JSONCursor(utf8)
        var fields = Fields()
        guard cursor.skipWhitespace(), cursor.members({ fields.read($0, from: &$1) }), cursor.skipWhitespace(), cursor.atEnd
        else { return nil }
        return fields.ticket()
    }

    /// The event's fields as read so far; `seen` (a bit per key) guards against a key given twice.
    private struct Fields {
        var seen: UInt16 = 0
        var eventID: String?
        var ticketID: String?
        var customerID: String?
        var customerEmail: String?
        var channel: TicketChannel?
        var subject: String?
        var message: String?
        var createdAt: Date?
        var language: String?
        var tags: [String]?
        var source: TicketSource?

        /// Reads the value of `name`; `false` when the key or its value is not of the plain shape.
        mutating func read(_ name: String, from cursor: inout JSONCursor) -> Bool {
            guard let key = TicketCreated.CodingKeys(rawValue: name), seen & key.bit == 0 else { return false }
            seen |= key.bit
            switch key {
            case .eventID:
                eventID = cursor.string()
                return eventID != nil
            case .ticketID:
                ticketID = cursor.string()
                return ticketID != nil
            case .message:
                message = cursor.string()
                return message != nil
            case .channel:
                guard let name = cursor.string(), let value = TicketChannel(rawValue: name) else { return false }
                channel = value
            case .createdAt:
                guard let text = cursor.string(), let date = RFC3339.date(from: text) else { return false }
                createdAt = date
            case .customerID: return cursor.optionalString(into: &customerID)
            case .customerEmail: return cursor.optionalString(into: &customerEmail)
            case .subject: return cursor.optionalString(into: &subject)
            case .language: return cursor.optionalString(into: &language)
            case .tags:
                if cursor.takeNull() { return true }
                guard let strings = cursor.stringArray() else { return false }
                tags = strings
            case .source:
                if cursor.takeNull() { return true }
                guard let value = cursor.source() else { return false }
                source = value
            }
            return true
        }

        /// The ticket, when every required field was read.
        func ticket() -> TicketCreated? {
            guard let eventID, let ticketID, let channel, let message, let createdAt else { return nil }
            return TicketCreated(
                eventID: eventID, ticketID: ticketID, customerID: customerID, customerEmail: customerEmail, channel: channel,
                subject: subject, message: message, createdAt: createdAt, language: language, tags: tags, source: source)
        }
    }
}

/// A position in a JSON text, with the few readers ``PlainTicketReader`` needs. Every reader returns
/// `nil` or `false`, without a partial result, when the text there is not what it reads.
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

    /// A key written without escapes.
    mutating func plainKey() -> String? {
        guard take(ascii: "\"") else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != 0x22 {
            guard bytes[index] != 0x5C, bytes[index] >= 0x20 else { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
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

    /// Stores a string, or `nil` for `null`, in `field`.
    mutating func optionalString(into field: inout String?) -> Bool {
        if takeNull() {
            field = nil
            return true
        }
        guard let value = string() else { return false }
        field = value
        return true
    }

    /// An array of strings.
    mutating func stringArray() -> [String]? {
        guard take(ascii: "["), skipWhitespace() else { return nil }
        var strings: [String] = []
        if take(ascii: "]") { return strings }
        repeat {
            guard skipWhitespace(), let value = string(), skipWhitespace() else { return nil }
            strings.append(value)
        } while take(ascii: ",")
        return take(ascii: "]") ? strings : nil
    }

    /// A `source` object: `system` and `account`, each a string or `null`, each at most once.
    mutating func source() -> TicketSource? {
        var source = TicketSource(system: nil, account: nil)
        var sawSystem = false, sawAccount = false
        let read = members { key, cursor in
            switch key {
            case "system" where !sawSystem:
                sawSystem = true
                return cursor.optionalString(into: &source.system)
            case "account" where !sawAccount:
                sawAccount = true
                return cursor.optionalString(into: &source.account)
            default:
                return false
            }
        }
        return read ? source : nil
    }

    /// An object whose members `readValue` reads, given each key (written without escapes) with the cursor at
    /// its value; `false` when the text is not an object or `readValue` declines a member.
    mutating func members(_ readValue: (String, inout JSONCursor) -> Bool) -> Bool {
        guard take(ascii: "{"), skipWhitespace() else { return false }
        if take(ascii: "}") { return true }
        repeat {
            guard skipWhitespace(), let key = plainKey(), skipWhitespace(), take(ascii: ":"), skipWhitespace(),
                  readValue(key, &self), skipWhitespace() else { return false }
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

extension TicketCreated.CodingKeys {
    /// The key's bit in a set of keys already read.
    fileprivate var bit: UInt16 {
        switch self {
        case .eventID: 1 << 0
        case .ticketID: 1 << 1
        case .customerID: 1 << 2
        case .customerEmail: 1 << 3
        case .channel: 1 << 4
        case .subject: 1 << 5
        case .message: 1 << 6
        case .createdAt: 1 << 7
        case .language: 1 << 8
        case .tags: 1 << 9
        case .source: 1 << 10
        }
    }
}
