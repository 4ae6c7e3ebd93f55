import Foundation
import NIOConcurrencyHelpers

/// A helpdesk API that accepts the documented note calls for existing tickets and records them: Freshdesk
/// (`POST /api/v2/tickets/{id}/notes`, `PUT /api/v2/tickets/{id}`), Gorgias (`POST /api/tickets/{id}/messages`,
/// `POST /api/tickets/{id}/tags`) and Chatwoot (`POST /api/v1/accounts/{account}/conversations/{id}/messages`,
/// `…/toggle_priority`) answer 201/200 with a JSON object, 401 for other credentials, 404 for other tickets.
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
    /// Chatwoot's message and priority calls in account `account`.
    public static func chatwootRoutes(account: Int) -> [Route] {
        [
            Route(method: "POST", prefix: "/api/v1/accounts/\(account)/conversations/", suffix: "/messages", status: 200),
            Route(method: "POST", prefix: "/api/v1/accounts/\(account)/conversations/", suffix: "/toggle_priority", status: 200),
        ]
    }

    /// Gorgias's message and tag calls.
    public static let gorgiasRoutes = [
        Route(method: "POST", prefix: "/api/tickets/", suffix: "/messages", status: 201),
        Route(method: "POST", prefix: "/api/tickets/", suffix: "/tags", status: 201),
    ]

    private let credentialHeader: String
    private let credential: String
    private let routes: [Route]
    private let tickets: ClosedRange<UInt64>
    private let received = NIOLockedValueBox<[Call]>([])

    /// A helpdesk answering `routes` for `tickets`, authenticated by header `credentialHeader` carrying `credential`.
    public init(credentialHeader: String, credential: String, routes: [Route], tickets: ClosedRange<UInt64> = 1...1_000_000) {
        self.credentialHeader = credentialHeader.lowercased()
        self.credential = credential
        self.routes = routes
        self.tickets = tickets
    }

    /// A helpdesk authenticated by basic auth of `user` and `password`.
    public convenience init(user: String, password: String, routes: [Route]) {
        self.init(credentialHeader: "Authorization", credential: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString(), routes: routes)
    }

    /// Calls accepted so far, in order.
    public var calls: [Call] { received.withLockedValue { $0 } }

    public func answer(_ request: FakeHelpdeskRequest) -> FakeHelpdeskAnswer {
        guard request.headers[credentialHeader] == credential else { return FakeHelpdeskAnswer(status: 401, body: #"{"code":"invalid_credentials"}"#) }
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
