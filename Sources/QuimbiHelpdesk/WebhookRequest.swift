import Foundation
import QuimbiCore

/// One webhook request as a helpdesk adapter sees it: raw body, headers by name, time of receipt.
public struct WebhookRequest: Sendable {
    /// The raw body, exactly as received (signatures cover these bytes).
    public var body: [UInt8]
    /// When the request arrived (signature freshness is judged against it).
    public var receivedAt: Date
    private let headers: [String: String]

    /// A request with `headers` (names compared case-insensitively).
    public init(body: [UInt8], headers: [String: String], receivedAt: Date = Date()) {
        self.body = body
        self.receivedAt = receivedAt
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of header `name`, if sent.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// A helpdesk's inbound webhook: how a request is authenticated and how its payload maps to a
/// ticket-created event.
public protocol HelpdeskWebhook: Sendable {
    /// The helpdesk this adapter reads.
    var system: HelpdeskSystem { get }
    /// Whether `request` carries this helpdesk's valid, fresh credentials.
    func isAuthentic(_ request: WebhookRequest) -> Bool
    /// The ticket `request` describes, or `nil` for an event that opens no ticket (such as an agent's message);
    /// rejections use the ticket-created decoder's stable codes.
    func ticket(from request: WebhookRequest) throws(TicketRejection) -> TicketCreated?
}
