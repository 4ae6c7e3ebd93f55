import Foundation

/// Why an incoming ticket event can never be processed. These codes name the dead-letter reason.
public struct TicketRejection: QuimbiError, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        /// More bytes than ``TicketLimits/maxEventBytes``.
        case payloadTooLarge = "payload_too_large"
        /// Not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// Not parseable JSON, or not a JSON object.
        case invalidJSON = "invalid_json"
        /// A required field is missing.
        case missingField = "missing_field"
        /// A field has the wrong JSON type or an unknown enumeration value.
        case invalidField = "invalid_field"
        /// A field is out of its bounds (length, count, empty).
        case fieldOutOfBounds = "field_out_of_bounds"
        /// Neither `customer_id` nor `customer_email` is given.
        case noCustomerReference = "no_customer_reference"
    }

    public var reason: Code
    public var message: String
    public var code: String { reason.rawValue }

    public init(_ reason: Code, _ message: String) {
        self.reason = reason
        self.message = message
    }
}

/// Turns raw event bytes into a validated ``TicketCreated`` or a ``TicketRejection``.
///
/// The checks mirror `Schemas/events/ticket-created.v1.json`; a test runs a corpus of events
/// through both this decoder and a JSON Schema validator and requires the same verdicts.
public struct TicketDecoder: Sendable {
    public init() {}

    /// Decodes and validates one event payload.
    public func decode(_ bytes: some Collection<UInt8>) throws(TicketRejection) -> TicketCreated {
        guard bytes.count <= TicketLimits.maxEventBytes else {
            throw TicketRejection(.payloadTooLarge, "event is \(bytes.count) bytes, limit \(TicketLimits.maxEventBytes)")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TicketRejection(.invalidUTF8, "event payload is not valid UTF-8")
        }
        let plain = bytes.withContiguousStorageIfAvailable(PlainTicketReader.read) ?? Array(bytes).withUnsafeBufferPointer(PlainTicketReader.read)
        let ticket = if let plain { plain } else { try Self.decodeWithFoundation(bytes) }
        try Self.validateBounds(ticket)
        return ticket
    }

    /// Decodes with `JSONDecoder`: every event ``PlainTicketReader`` does not read, and so every rejection.
    static func decodeWithFoundation(_ bytes: some Collection<UInt8>) throws(TicketRejection) -> TicketCreated {
        do {
            return try QuimbiJSON.makeDecoder().decode(TicketCreated.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Self.rejection(for: error)
        } catch {
            throw TicketRejection(.invalidJSON, "\(error)")
        }
    }

    /// The rejection a decoding failure stands for (also used by the helpdesk mappings, so their codes agree).
    public static func rejection(for error: DecodingError) -> TicketRejection {
        switch error {
        case .keyNotFound(let key, let context):
            return TicketRejection(.missingField, "missing field \(path(context.codingPath + [key]))")
        case .valueNotFound(_, let context):
            return TicketRejection(.invalidField, "field \(path(context.codingPath)) is null")
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty {
                return TicketRejection(.invalidJSON, "event is not a JSON object")
            }
            return TicketRejection(.invalidField, "field \(path(context.codingPath)) is not \(typeName(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return TicketRejection(.invalidJSON, "event is not valid JSON")
            }
            return TicketRejection(.invalidField, "field \(path(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return TicketRejection(.invalidJSON, "\(error)")
        }
    }

    static func validateBounds(_ ticket: TicketCreated) throws(TicketRejection) {
        try checkID(ticket.eventID, "event_id")
        try checkID(ticket.ticketID, "ticket_id")
        if let customerID = ticket.customerID { try checkID(customerID, "customer_id") }
        if let email = ticket.customerEmail {
            try checkLength(email, "customer_email", min: 3, max: TicketLimits.maxEmailLength)
            try checkNoControlCharacters(email, "customer_email")
            guard email.contains("@") else {
                throw TicketRejection(.invalidField, "field customer_email is not an e-mail address")
            }
        }
        guard ticket.customerID != nil || ticket.customerEmail != nil else {
            throw TicketRejection(.noCustomerReference, "neither customer_id nor customer_email is given")
        }
        try checkLength(ticket.message, "message", min: 1, max: TicketLimits.maxMessageLength)
        if let subject = ticket.subject {
            try checkLength(subject, "subject", min: 0, max: TicketLimits.maxSubjectLength)
        }
        if let language = ticket.language { try checkLength(language, "language", min: 2, max: 35) }
        if let tags = ticket.tags {
            guard tags.count <= TicketLimits.maxTags else {
                throw TicketRejection(.fieldOutOfBounds, "field tags has \(tags.count) items, limit \(TicketLimits.maxTags)")
            }
            for tag in tags { try checkLength(tag, "tags[]", min: 1, max: TicketLimits.maxTagLength) }
        }
        if let source = ticket.source {
            if let system = source.system { try checkLength(system, "source.system", min: 1, max: 100) }
            if let account = source.account { try checkLength(account, "source.account", min: 1, max: 200) }
        }
    }

    private static func checkID(_ value: String, _ field: String) throws(TicketRejection) {
        try checkLength(value, field, min: 1, max: TicketLimits.maxIDLength)
        try checkNoControlCharacters(value, field)
    }

    /// Identifiers and e-mail addresses are lookup keys: a control character (a NUL above all, which
    /// PostgreSQL refuses in text) would fail the whole batch of lookups it joins.
    private static func checkNoControlCharacters(_ value: String, _ field: String) throws(TicketRejection) {
        guard let control = value.unicodeScalars.first(where: isControl) else { return }
        let code = String(control.value, radix: 16, uppercase: true)
        throw TicketRejection(.invalidField, "field \(field) contains the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)")
    }

    /// Whether `scalar` is a Unicode control character (general category Cc): U+0000–U+001F and
    /// U+007F–U+009F, a set Unicode's stability policy fixes. Compared directly, since every ticket's
    /// identifiers are checked and a property lookup per character cost 2 % of the worker.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func checkLength(_ value: String, _ field: String, min: Int, max: Int) throws(TicketRejection) {
        // A scalar is one to four bytes: the byte count bounds the count of scalars without counting them.
        let bytes = value.utf8.count
        if bytes <= max, (bytes + 3) / 4 >= min { return }
        let count = value.unicodeScalars.count
        guard count >= min, count <= max else {
            throw TicketRejection(.fieldOutOfBounds, "field \(field) has \(count) characters, allowed \(min)–\(max)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is [String].Type: return "an array of strings"
        default: return "of the expected type"
        }
    }
}
