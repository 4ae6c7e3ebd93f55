import Foundation
import HTTPTypes
import Hummingbird
import QuimbiCore
import QuimbiHelpdesk
import QuimbiMetrics

/// A ticket webhook (`POST /webhooks/tickets` and one per helpdesk): size limit, authentication,
/// mapping and schema validation, deduplication on the event id, publish, 202 (204 for an event that opens no ticket).
struct WebhookRoute: Sendable {
    let publisher: any TicketPublishing
    let intake: any WebhookIntake
    let maxBytes: Int
    let recent: RecentEventIDs

    func handle(_ request: Request) async throws(APIError) -> Response {
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: maxBytes)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw APIError(code: TicketRejection.Code.payloadTooLarge.rawValue, message: "the body exceeds \(maxBytes) bytes", status: .contentTooLarge)
        }
        let received = WebhookRequest(
            body: body, headers: Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first }))
        guard intake.isAuthentic(received) else { throw APIError.unauthorized }
        let read: (ticket: TicketCreated, payload: [UInt8])?
        do {
            read = try intake.ticket(from: received)
        } catch {
            let status: HTTPResponse.Status = error.reason == .payloadTooLarge ? .contentTooLarge : .badRequest
            throw APIError(code: error.code, message: error.message, status: status)
        }
        // An event that opens no ticket (an agent's or Quimbi's own note) is acknowledged and not published.
        guard let (ticket, payload) = read else { return Response(status: .noContent) }
        guard await recent.claim(ticket.eventID) == .publish else { return try accepted(ticket.eventID, duplicate: true) }
        do {
            try await publisher.publish(ticket, payload: payload)
        } catch {
            recent.finish(ticket.eventID, published: false)
            let code = (error as? any QuimbiError)?.code ?? "publish_failed"
            throw APIError(code: code, message: "the ticket could not be published", status: .serviceUnavailable, retryAfterSeconds: 5)
        }
        recent.finish(ticket.eventID, published: true)
        return try accepted(ticket.eventID, duplicate: false)
    }

    private func accepted(_ eventID: String, duplicate: Bool) throws(APIError) -> Response {
        do {
            return try JSONResponse.make(Accepted(eventID: eventID, duplicate: duplicate), status: .accepted)
        } catch {
            throw APIError(code: "encoding_failed", message: "could not encode the response", status: .internalServerError)
        }
    }

    static let signatureHeader = HTTPField.Name("X-Quimbi-Signature")!

    private struct Accepted: Encodable {
        var eventID: String
        var duplicate: Bool
        enum CodingKeys: String, CodingKey {
            case eventID = "event_id"
            case duplicate
        }
    }
}
