import QuimbiCore
import QuimbiHelpdesk

/// How one webhook route authenticates a request and reads the ticket it carries.
protocol WebhookIntake: Sendable {
    /// Whether `request` carries valid, fresh credentials.
    func isAuthentic(_ request: WebhookRequest) -> Bool
    /// The validated ticket and the ticket-created JSON to publish for it; `nil` when the request opens no ticket.
    func ticket(from request: WebhookRequest) throws(TicketRejection) -> (ticket: TicketCreated, payload: [UInt8])?
}

/// `POST /webhooks/tickets`: Quimbi's own ticket-created JSON, signed with `X-Quimbi-Signature`.
struct QuimbiIntake: WebhookIntake {
    let signature: WebhookSignature

    func isAuthentic(_ request: WebhookRequest) -> Bool {
        signature.isValid(header: request.header(WebhookRoute.signatureHeader.canonicalName), body: request.body, now: request.receivedAt)
    }

    func ticket(from request: WebhookRequest) throws(TicketRejection) -> (ticket: TicketCreated, payload: [UInt8])? {
        (try TicketDecoder().decode(request.body), request.body)
    }
}

/// `POST /webhooks/<helpdesk>`: the helpdesk's own payload, mapped by its adapter, then encoded as
/// ticket-created JSON and validated by the same decoder as Quimbi's own webhook.
struct HelpdeskIntake: WebhookIntake {
    let webhook: any HelpdeskWebhook

    func isAuthentic(_ request: WebhookRequest) -> Bool {
        webhook.isAuthentic(request)
    }

    func ticket(from request: WebhookRequest) throws(TicketRejection) -> (ticket: TicketCreated, payload: [UInt8])? {
        guard let mapped = try webhook.ticket(from: request) else { return nil }
        let payload: [UInt8]
        do {
            payload = Array(try QuimbiJSON.makeEncoder().encode(mapped))
        } catch {
            throw TicketRejection(.invalidField, "the mapped ticket could not be encoded: \(error)")
        }
        return (try TicketDecoder().decode(payload), payload)
    }
}
