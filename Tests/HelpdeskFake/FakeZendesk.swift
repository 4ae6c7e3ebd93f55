import Foundation
import NIOConcurrencyHelpers

/// Zendesk's ticket update as documented (developer.zendesk.com, Tickets API "Update Ticket" and Ticket
/// Comments): `PUT /api/v2/tickets/{id}.json` with basic auth `{email}/token:{token}`, body
/// `{"ticket": {"comment": {"body", "public"}, "priority", "additional_tags"}}`; 200 with the ticket and its
/// audit, 401 `Couldn't authenticate you`, 404 `RecordNotFound`, 422 `RecordInvalid` for a body without a ticket.
public final class FakeZendesk: FakeHelpdeskAPI {
    /// A comment written into a ticket.
    public struct Comment: Sendable, Equatable {
        public var ticketID: UInt64
        public var body: String
        public var isPublic: Bool
        public var priority: String?
        public var tags: [String]

        public init(ticketID: UInt64, body: String, isPublic: Bool, priority: String?, tags: [String]) {
            self.ticketID = ticketID
            self.body = body
            self.isPublic = isPublic
            self.priority = priority
            self.tags = tags
        }
    }

    private let authorization: String
    private let tickets: ClosedRange<UInt64>
    private let written = NIOLockedValueBox<[Comment]>([])

    /// A Zendesk where tickets `tickets` exist and only `email`/`token` authenticates.
    public init(email: String, token: String, tickets: ClosedRange<UInt64> = 1...1_000_000) {
        authorization = "Basic " + Data("\(email)/token:\(token)".utf8).base64EncodedString()
        self.tickets = tickets
    }

    /// Comments written so far, in order.
    public var comments: [Comment] { written.withLockedValue { $0 } }

    public func answer(_ request: FakeHelpdeskRequest) -> FakeHelpdeskAnswer {
        guard request.authorization == authorization else {
            return FakeHelpdeskAnswer(status: 401, body: #"{"error":"Couldn't authenticate you"}"#)
        }
        let prefix = "/api/v2/tickets/"
        guard request.method == "PUT", request.path.hasPrefix(prefix), request.path.hasSuffix(".json"),
              let id = UInt64(request.path.dropFirst(prefix.count).dropLast(".json".count)), tickets.contains(id)
        else {
            return FakeHelpdeskAnswer(status: 404, body: #"{"error":"RecordNotFound","description":"Not found"}"#)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let ticket = object["ticket"] as? [String: Any], let comment = ticket["comment"] as? [String: Any],
              let body = comment["body"] as? String
        else {
            return FakeHelpdeskAnswer(status: 422, body: #"{"error":"RecordInvalid","description":"Record validation errors"}"#)
        }
        let written = Comment(
            ticketID: id, body: body, isPublic: comment["public"] as? Bool ?? true, priority: ticket["priority"] as? String,
            tags: ticket["additional_tags"] as? [String] ?? [])
        self.written.withLockedValue { $0.append(written) }
        return FakeHelpdeskAnswer(status: 200, body: #"{"ticket":{"id":\#(id)},"audit":{"ticket_id":\#(id),"events":[{"type":"Comment","public":\#(written.isPublic)}]}}"#)
    }
}
