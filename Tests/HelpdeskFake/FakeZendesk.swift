import Foundation
import NIOConcurrencyHelpers

/// Zendesk's ticket update as documented (developer.zendesk.com, Tickets API "Update Ticket" and Ticket
/// Comments): `PUT /api/v2/tickets/{id}.json` with basic auth `{email}/token:{token}`, body
/// `{"ticket": {"comment": {"body", "public"}, "priority", "additional_tags", "group_id"}}`; 200 with the ticket and its
/// audit, 401 `Couldn't authenticate you`, 404 `RecordNotFound`, 422 `RecordInvalid` for a body without a ticket.
/// `GET /api/v2/tickets/{id}/comments.json` lists the ticket's comments written so far (`{"comments": [...]}`, newest
/// first with `sort_order=desc`).
public final class FakeZendesk: FakeHelpdeskAPI {
    /// A comment written into a ticket.
    public struct Comment: Sendable, Equatable {
        public var ticketID: UInt64
        public var body: String
        public var isPublic: Bool
        public var priority: String?
        public var tags: [String]
        /// The group the update assigned the ticket to, if any.
        public var groupID: UInt64?

        public init(ticketID: UInt64, body: String, isPublic: Bool, priority: String?, tags: [String], groupID: UInt64? = nil) {
            self.ticketID = ticketID
            self.body = body
            self.isPublic = isPublic
            self.priority = priority
            self.tags = tags
            self.groupID = groupID
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
        if request.method == "GET" { return list(request.path, prefix: prefix) }
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
            tags: ticket["additional_tags"] as? [String] ?? [], groupID: (ticket["group_id"] as? NSNumber)?.uint64Value)
        self.written.withLockedValue { $0.append(written) }
        return FakeHelpdeskAnswer(status: 200, body: #"{"ticket":{"id":\#(id)},"audit":{"ticket_id":\#(id),"events":[{"type":"Comment","public":\#(written.isPublic)}]}}"#)
    }

    private func list(_ path: String, prefix: String) -> FakeHelpdeskAnswer {
        guard let components = URLComponents(string: path), components.path.hasPrefix(prefix), components.path.hasSuffix("/comments.json"),
              let id = UInt64(components.path.dropFirst(prefix.count).dropLast("/comments.json".count)), tickets.contains(id)
        else {
            return FakeHelpdeskAnswer(status: 404, body: #"{"error":"RecordNotFound","description":"Not found"}"#)
        }
        var listed = comments.filter { $0.ticketID == id }
        if components.queryItems?.contains(URLQueryItem(name: "sort_order", value: "desc")) == true { listed.reverse() }
        let objects = listed.enumerated().map { index, comment in
            ["id": index + 1, "type": "Comment", "body": comment.body, "plain_body": comment.body, "public": comment.isPublic] as [String: Any]
        }
        let body = (try? JSONSerialization.data(withJSONObject: ["comments": objects, "next_page": NSNull(), "count": objects.count]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return FakeHelpdeskAnswer(status: 200, body: body)
    }
}
