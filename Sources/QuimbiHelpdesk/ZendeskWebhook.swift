import Foundation
import QuimbiCore

/// `POST /webhooks/zendesk`: the body of the trigger's webhook (README, "Zendesk"), signed by Zendesk.
///
/// Mapping: `ticket.id` → `ticket_id`; `requester.external_id` → `customer_id`, `requester.email` →
/// `customer_email`; `subject`; `description` as plain text without quoted replies → `message`; `via` →
/// `channel`; space-separated `tags`; `created_at` (ISO 8601, minutes or seconds); `source` = zendesk and the
/// `X-Zendesk-Account-Id` header. The event id is `zendesk:<account>:<ticket id>`: a trigger that fires
/// again, or a retried delivery, is a duplicate.
public struct ZendeskWebhook: HelpdeskWebhook {
    /// Header naming the Zendesk account.
    public static let accountHeader = "X-Zendesk-Account-Id"
    public let system = HelpdeskSystem.zendesk
    private let signature: ZendeskSignature

    /// An adapter verifying with `signature`.
    public init(signature: ZendeskSignature) {
        self.signature = signature
    }

    public func isAuthentic(_ request: WebhookRequest) -> Bool {
        signature.isValid(request)
    }

    public func ticket(from request: WebhookRequest) throws(TicketRejection) -> TicketCreated {
        let ticket = try HelpdeskPayload.decode(Body.self, from: request.body).ticket
        guard let id = ticket.id.text else { throw TicketRejection(.missingField, "missing field ticket.id") }
        let account = request.header(Self.accountHeader)
        return TicketCreated(
            eventID: HelpdeskPayload.eventID(system, account: account, ticketID: id), ticketID: id,
            customerID: ticket.requester?.externalID.text, customerEmail: ticket.requester?.email.text,
            channel: ChannelNames.channel(for: ticket.via.text), subject: ticket.subject.text,
            message: HelpdeskPayload.message(ticket.description.text, subject: ticket.subject.text),
            createdAt: HelpdeskPayload.date(ticket.createdAt.text) ?? request.receivedAt,
            tags: HelpdeskPayload.tags(ticket.tags.text?.split(separator: " ").map(String.init)),
            source: TicketSource(system: system.rawValue, account: account))
    }

    private struct Body: Decodable {
        var ticket: Ticket
    }

    private struct Ticket: Decodable {
        var id: LenientString?
        var subject: LenientString?
        var description: LenientString?
        var via: LenientString?
        var createdAt: LenientString?
        var tags: LenientString?
        var requester: Requester?

        enum CodingKeys: String, CodingKey {
            case id, subject, description, via, tags, requester
            case createdAt = "created_at"
        }
    }

    private struct Requester: Decodable {
        var id: LenientString?
        var email: LenientString?
        var externalID: LenientString?

        enum CodingKeys: String, CodingKey {
            case id, email
            case externalID = "external_id"
        }
    }
}
