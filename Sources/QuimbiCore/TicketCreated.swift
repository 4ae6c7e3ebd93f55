import Foundation

/// The channel a ticket came in through.
public enum TicketChannel: String, Codable, Sendable, CaseIterable {
    case email, chat, web, sms, social, voice, api
}

/// The system that raised a ticket.
public struct TicketSource: Codable, Sendable, Hashable {
    /// Helpdesk product, e.g. `gorgias`, `zendesk`.
    public var system: String?
    /// Account or store within that system.
    public var account: String?

    public init(system: String?, account: String?) {
        self.system = system
        self.account = account
    }

    /// Kafka header (a CloudEvents extension attribute) carrying `system` on a ticket and on the drafts
    /// and escalations made from it, so that delivery knows the helpdesk without reading the payload.
    public static let systemHeader = "ce_helpdesk"
    /// Kafka header carrying `account`, alongside ``systemHeader``.
    public static let accountHeader = "ce_helpdeskaccount"
}

/// `ticket-created.v1` — a new support ticket, published by the helpdesk webhook
/// (Schemas/events/ticket-created.v1.json).
public struct TicketCreated: Codable, Sendable, Hashable {
    /// Idempotency key of this event.
    public var eventID: String
    public var ticketID: String
    /// Shopify customer id; absent when only the e-mail address is known.
    public var customerID: String?
    public var customerEmail: String?
    public var channel: TicketChannel
    public var subject: String?
    /// The customer's message (bounded, see ``TicketLimits``).
    public var message: String
    public var createdAt: Date
    /// BCP 47 language tag when the helpdesk knows it.
    public var language: String?
    public var tags: [String]?
    public var source: TicketSource?

    public init(
        eventID: String, ticketID: String, customerID: String?, customerEmail: String? = nil,
        channel: TicketChannel = .email, subject: String? = nil, message: String, createdAt: Date,
        language: String? = nil, tags: [String]? = nil, source: TicketSource? = nil
    ) {
        self.eventID = eventID
        self.ticketID = ticketID
        self.customerID = customerID
        self.customerEmail = customerEmail
        self.channel = channel
        self.subject = subject
        self.message = message
        self.createdAt = createdAt
        self.language = language
        self.tags = tags
        self.source = source
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case channel, subject, message, language, tags, source
        case eventID = "event_id"
        case ticketID = "ticket_id"
        case customerID = "customer_id"
        case customerEmail = "customer_email"
        case createdAt = "created_at"
    }
}

/// Size bounds of a ticket-created event; the JSON Schema states the same numbers.
public enum TicketLimits {
    /// Largest accepted event, in bytes of JSON.
    public static let maxEventBytes = 256 * 1024
    /// Longest accepted message, in characters.
    public static let maxMessageLength = 20_000
    /// Longest subject, in characters.
    public static let maxSubjectLength = 1_000
    /// Longest id (event, ticket, customer), in characters.
    public static let maxIDLength = 128
    /// Longest e-mail address, in characters.
    public static let maxEmailLength = 320
    /// Most tags, and the longest tag.
    public static let maxTags = 50
    public static let maxTagLength = 100
}
