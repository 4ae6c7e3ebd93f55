import QuimbiCore

/// Why a note could not be written. Codes are stable: they name the dead letter of a draft given up.
public struct DeliveryError: QuimbiError, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        /// The helpdesk refused the credentials (401).
        case unauthorized = "helpdesk_unauthorized"
        /// The credentials may not write this ticket (403).
        case forbidden = "helpdesk_forbidden"
        /// The ticket does not exist (404).
        case ticketNotFound = "ticket_not_found"
        /// The helpdesk refused the request for good (another 4xx, such as 422).
        case rejected = "note_rejected"
        /// Rate limited (429); retried after `Retry-After`.
        case rateLimited = "helpdesk_rate_limited"
        /// Server error (5xx) or no answer; retried with back-off.
        case unavailable = "helpdesk_unavailable"
        /// The ticket id is not one this helpdesk can have.
        case invalidTicketID = "invalid_ticket_id"
        /// The helpdesk addresses tickets within an account, and the event names none (or not a valid one).
        case invalidAccount = "invalid_helpdesk_account"
        /// The event on the topic is not a draft or escalation this version can read.
        case invalidEvent = "invalid_event"
        /// The note request could not be encoded.
        case encodeFailed = "encode_failed"
    }

    public var reason: Code
    public var message: String
    /// The helpdesk's `Retry-After`, when it sent one.
    public var retryAfter: Duration?
    public var code: String { reason.rawValue }

    public init(_ reason: Code, _ message: String, retryAfter: Duration? = nil) {
        self.reason = reason
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Whether another attempt may succeed (rate limits and outages).
    public var isTransient: Bool { reason == .rateLimited || reason == .unavailable }

    /// The error an HTTP answer with `status` stands for, or `nil` for success (2xx).
    public static func forStatus(_ status: Int, retryAfter: Duration?) -> DeliveryError? {
        switch status {
        case 200..<300: nil
        case 401: DeliveryError(.unauthorized, "the helpdesk answered 401")
        case 403: DeliveryError(.forbidden, "the helpdesk answered 403")
        case 404: DeliveryError(.ticketNotFound, "the helpdesk answered 404")
        case 429: DeliveryError(.rateLimited, "the helpdesk answered 429", retryAfter: retryAfter)
        case 500...: DeliveryError(.unavailable, "the helpdesk answered \(status)", retryAfter: retryAfter)
        default: DeliveryError(.rejected, "the helpdesk answered \(status)")
        }
    }
}
