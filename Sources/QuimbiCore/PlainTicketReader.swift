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
        var fields = Fields()
        return JSONCursor.isWhole(utf8, reading: { $0.members(of: keys) { fields.read($0, from: &$1) } }) ? fields.ticket() : nil
    }

    private static let keys = PlainKeys<TicketCreated.CodingKeys>()
    fileprivate static let sourceKeys = PlainKeys<SourceKey>()

    /// The keys of a ticket's `source`.
    fileprivate enum SourceKey: String, CaseIterable, Sendable {
        case system, account
    }

    /// The event's fields as read so far.
    private struct Fields {
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

        /// Reads the value of `key`; `false` when it is not of the plain shape.
        mutating func read(_ key: TicketCreated.CodingKeys, from cursor: inout JSONCursor) -> Bool {
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
                guard let strings = cursor.array({ $0.string() }) else { return false }
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

extension JSONCursor {
    /// A `source` object: `system` and `account`, each a string or `null`, each at most once.
    mutating func source() -> TicketSource? {
        var source = TicketSource(system: nil, account: nil)
        let read = members(of: PlainTicketReader.sourceKeys) { key, cursor in
            switch key {
            case .system: cursor.optionalString(into: &source.system)
            case .account: cursor.optionalString(into: &source.account)
            }
        }
        return read ? source : nil
    }
}
