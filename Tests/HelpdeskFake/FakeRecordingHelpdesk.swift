import Foundation
import NIOConcurrencyHelpers

/// A helpdesk API that accepts the documented note calls for existing tickets and records them: Freshdesk
/// (`POST /api/v2/tickets/{id}/notes`, `PUT /api/v2/tickets/{id}`) and Gorgias (`POST /api/tickets/{id}/messages`,
/// `POST /api/tickets/{id}/tags`) answer 201/200 with a JSON object, 401 for other credentials, 404 for other tickets.
public final class FakeRecordingHelpdesk: FakeHelpdeskAPI {
    /// A documented call: method, the path around the ticket id, and the success status.
    public struct Route: Sendable {
        public var method: String
        public var prefix: String
        public var suffix: String
        public var status: Int
    }

    /// A call received and accepted.
    public struct Call: Sendable, Equatable {
        public var method: String
        public var path: String
        public var json: String
    }

    /// Freshdesk's note and ticket-update calls.
    public static let freshdeskRoutes = [
        Route(method: "POST", prefix: "/api/v2/tickets/", suffix: "/notes", status: 201),
        Route(method: "PUT", prefix: "/api/v2/tickets/", suffix: "", status: 200),
    ]
    /// Gorgias's message and tag calls.
    public static let gorgiasRoutes = [
        Route(method: "POST", prefix: "/api/tickets/", suffix: "/messages", status: 201),
        Route(method: "POST", prefix: "/api/tickets/", suffix: "/tags", status: 201),
    ]

    private let authorization: String
    private let routes: [Route]
    private let tickets: ClosedRange<UInt64>
    private let received = NIOLockedValueBox<[Call]>([])

    /// A helpdesk answering `routes` for `tickets`, authenticated by basic auth of `user` and `password`.
    public init(user: String, password: String, routes: [Route], tickets: ClosedRange<UInt64> = 1...1_000_000) {
        authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        self.routes = routes
        self.tickets = tickets
    }

    /// Calls accepted so far, in order.
    public var calls: [Call] { received.withLockedValue { $0 } }

    public func answer(_ request: FakeHelpdeskRequest) -> FakeHelpdeskAnswer {
        guard request.authorization == authorization else { return FakeHelpdeskAnswer(status: 401, body: #"{"code":"invalid_credentials"}"#) }
        let route = routes.first { route in
            guard request.method == route.method, request.path.hasPrefix(route.prefix), request.path.hasSuffix(route.suffix) else { return false }
            let id = request.path.dropFirst(route.prefix.count).dropLast(route.suffix.count)
            return UInt64(id).map(tickets.contains) ?? false
        }
        guard let route else { return FakeHelpdeskAnswer(status: 404, body: #"{"code":"not_found"}"#) }
        received.withLockedValue { $0.append(Call(method: request.method, path: request.path, json: String(decoding: request.body, as: UTF8.self))) }
        return FakeHelpdeskAnswer(status: route.status, body: #"{"id":1}"#)
    }
}
