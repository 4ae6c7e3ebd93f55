import Foundation
import QuimbiCore

/// A helpdesk webhook whose JSON body the admin writes from the helpdesk's placeholders (Zendesk triggers,
/// Freshdesk automation rules, Gorgias HTTP integrations), always in Quimbi's shape (README, "Helpdesks"):
/// `{"ticket": {"id", "subject", "description", "via", "created_at", "tags", "requester": {"id", "email",
/// "external_id"}}}`.
///
/// Mapping: `ticket.id` → `ticket_id`; `requester.external_id` → `customer_id`, `requester.email` →
/// `customer_email`; `subject`; `description` as plain text without quoted replies → `message`; `via` →
/// `channel`; `tags` separated by commas, or else by spaces; `created_at` (ISO 8601, minutes or seconds); `source`
/// = the helpdesk and its account. The event id is `<helpdesk>:<account>:<ticket id>`: a rule that fires again,
/// or a retried delivery, is a duplicate.
public struct TemplatedWebhook: HelpdeskWebhook {
    /// Where the account of a request is read.
    public enum Account: Sendable {
        /// From this request header.
        case header(String)
        /// Configured (the helpdesk's domain).
        case fixed(String?)
    }

    /// Header naming the Zendesk account.
    public static let zendeskAccountHeader = "X-Zendesk-Account-Id"

    public let system: HelpdeskSystem
    private let authentication: any WebhookAuthentication
    private let account: Account

    public init(system: HelpdeskSystem, authentication: any WebhookAuthentication, account: Account) {
        self.system = system
        self.authentication = authentication
        self.account = account
    }

    /// Zendesk: signed by Zendesk; the account is `X-Zendesk-Account-Id`.
    public static func zendesk(signature: HMACSignature) -> TemplatedWebhook {
        TemplatedWebhook(system: .zendesk, authentication: signature, account: .header(zendeskAccountHeader))
    }

    /// Freshdesk: the automation rule's webhook authenticates with basic auth, user `quimbi` and `secret` as the password.
    public static func freshdesk(secret: String, domain: String?) -> TemplatedWebhook {
        TemplatedWebhook(system: .freshdesk, authentication: SecretHeader.basic(user: "quimbi", password: secret), account: .fixed(domain))
    }

    /// Gorgias: the HTTP integration sends `X-Quimbi-Token: <secret>` among its headers.
    public static func gorgias(secret: String, domain: String?) -> TemplatedWebhook {
        TemplatedWebhook(system: .gorgias, authentication: SecretHeader(name: "X-Quimbi-Token", value: secret), account: .fixed(domain))
    }

    public func isAuthentic(_ request: WebhookRequest) -> Bool {
        authentication.isValid(request)
    }

    public func ticket(from request: WebhookRequest) throws(TicketRejection) -> TicketCreated? {
        let ticket = try HelpdeskPayload.decode(Body.self, from: request.body).ticket
        guard let id = ticket.id.text else { throw TicketRejection(.missingField, "missing field ticket.id") }
        let account: String? = switch self.account {
        case .header(let name): request.header(name)
        case .fixed(let value): value
        }
        return TicketCreated(
            eventID: HelpdeskPayload.eventID(system, account: account, ticketID: id), ticketID: id,
            customerID: ticket.requester?.externalID.text, customerEmail: ticket.requester?.email.text,
            channel: ChannelNames.channel(for: ticket.via.text), subject: ticket.subject.text,
            message: HelpdeskPayload.message(ticket.description.text, subject: ticket.subject.text),
            createdAt: HelpdeskPayload.date(ticket.createdAt.text) ?? request.receivedAt,
            tags: HelpdeskPayload.tags(ticket.tags.text), source: TicketSource(system: system.rawValue, account: account))
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
