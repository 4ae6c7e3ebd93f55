import Foundation
import QuimbiCore

/// `POST /webhooks/chatwoot`: Chatwoot's account webhook, subscribed to *Message created*, signed by Chatwoot
/// (``HMACSignature/chatwoot(secret:tolerance:)``). The first incoming customer message of a conversation opens the ticket; the
/// conversation's later messages repeat its event id and are duplicates; agents' messages and private notes
/// (Quimbi's own among them) open nothing.
///
/// Mapping: `conversation.display_id` (the id the API addresses) → `ticket_id`; `sender.identifier` →
/// `customer_id`, `sender.email` → `customer_email`; `content` as plain text → `message`; `conversation.channel` →
/// `channel`; `conversation.labels` → `tags`; `created_at`; `source` = chatwoot and `account.id`.
public struct ChatwootWebhook: HelpdeskWebhook {
    public let system = HelpdeskSystem.chatwoot
    private let signature: HMACSignature

    public init(signature: HMACSignature) {
        self.signature = signature
    }

    public func isAuthentic(_ request: WebhookRequest) -> Bool {
        signature.isValid(request)
    }

    public func ticket(from request: WebhookRequest) throws(TicketRejection) -> TicketCreated? {
        let event = try HelpdeskPayload.decode(Event.self, from: request.body)
        guard event.event.text == "message_created", ["incoming", "0"].contains(event.messageType.text ?? ""), event.private != true else {
            return nil
        }
        guard let conversation = event.conversation, let id = conversation.displayID.text ?? conversation.id.text else {
            throw TicketRejection(.missingField, "missing field conversation.display_id")
        }
        let account = event.account?.id.text
        return TicketCreated(
            eventID: HelpdeskPayload.eventID(system, account: account, ticketID: id), ticketID: id,
            customerID: event.sender?.identifier.text, customerEmail: event.sender?.email.text,
            channel: ChannelNames.channel(for: conversation.channel.text), subject: nil,
            message: HelpdeskPayload.message(event.content.text, subject: nil),
            createdAt: HelpdeskPayload.date(event.createdAt.text) ?? request.receivedAt,
            tags: HelpdeskPayload.tags(conversation.labels?.joined(separator: ",")),
            source: TicketSource(system: system.rawValue, account: account))
    }

    private struct Event: Decodable {
        var event: LenientString?
        var content: LenientString?
        var createdAt: LenientString?
        var messageType: LenientString?
        var `private`: Bool?
        var sender: Sender?
        var conversation: Conversation?
        var account: Account?

        enum CodingKeys: String, CodingKey {
            case event, content, sender, conversation, account
            case `private`
            case createdAt = "created_at"
            case messageType = "message_type"
        }
    }

    private struct Sender: Decodable {
        var email: LenientString?
        var identifier: LenientString?
    }

    private struct Conversation: Decodable {
        var id: LenientString?
        var displayID: LenientString?
        var channel: LenientString?
        var labels: [String]?

        enum CodingKeys: String, CodingKey {
            case id, channel, labels
            case displayID = "display_id"
        }
    }

    private struct Account: Decodable {
        var id: LenientString?
    }
}
