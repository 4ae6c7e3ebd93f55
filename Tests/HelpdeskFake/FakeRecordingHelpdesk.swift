import Foundation
import NIOConcurrencyHelpers

/// A helpdesk API that accepts the documented note calls for existing tickets and records them: Freshdesk
/// (`POST /api/v2/tickets/{id}/notes`, `PUT /api/v2/tickets/{id}`), Gorgias (`POST /api/tickets/{id}/messages`,
/// `POST /api/tickets/{id}/tags`, `PUT /api/tickets/{id}`) and Chatwoot (`POST /api/v1/accounts/{account}/conversations/{id}/messages`,
/// `…/toggle_priority`, `…/assignments`) answer 201/200 with a JSON object, 401 for other credentials, 404 for other tickets. Their
/// documented reads of a ticket's notes (``Listing``) answer with the notes written so far, in the vendor's list shape.
public final class FakeRecordingHelpdesk: FakeHelpdeskAPI {
    /// A documented call: method, the path around the ticket id, and the success status.
    public struct Route: Sendable {
        public var method: String
        public var prefix: String
        public var suffix: String
        public var status: Int
    }

    /// A documented read of a ticket's notes: `GET` of a path around the ticket id (or with the id as query
    /// parameter `ticketQuery`), answered with the bodies of the ticket's `notes` calls inside `wrap`.
    public struct Listing: Sendable {
        public var prefix: String
        public var suffix: String
        public var ticketQuery: String?
        public var notes: Route
        public var wrap: @Sendable (_ items: String) -> String
    }

    /// A call received and accepted.
    public struct Call: Sendable, Equatable {
        public var method: String
        public var path: String
        public var json: String
    }

    /// Freshdesk's conversations of a ticket, a JSON array.
    public static let freshdeskListing = Listing(
        prefix: "/api/v2/tickets/", suffix: "/conversations", notes: freshdeskRoutes[0], wrap: { "[\($0)]" })
    /// Chatwoot's messages of a conversation in account `account`: `{"meta": …, "payload": [...]}`.
    public static func chatwootListing(account: Int) -> Listing {
        Listing(
            prefix: "/api/v1/accounts/\(account)/conversations/", suffix: "/messages", notes: chatwootRoutes(account: account)[0],
            wrap: { #"{"meta":{},"payload":[\#($0)]}"# })
    }

    /// Gorgias's messages of a ticket (`GET /api/messages?ticket_id=`): `{"data": [...], "meta": …}`.
    public static let gorgiasListing = Listing(
        prefix: "/api/messages", suffix: "", ticketQuery: "ticket_id", notes: gorgiasRoutes[0],
        wrap: { #"{"data":[\#($0)],"meta":{"next_cursor":null}}"# })

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
            Route(method: "POST", prefix: "/api/v1/accounts/\(account)/conversations/", suffix: "/assignments", status: 200),
        ]
    }

    /// Gorgias's message and tag calls.
    public static let gorgiasRoutes = [
        Route(method: "POST", prefix: "/api/tickets/", suffix: "/messages", status: 201),
        Route(method: "POST", prefix: "/api/tickets/", suffix: "/tags", status: 201),
        Route(method: "PUT", prefix: "/api/tickets/", suffix: "", status: 200),
    ]

    private let credentialHeader: String
    private let credential: String
    private let routes: [Route]
    private let listing: Listing?
    private let tickets: ClosedRange<UInt64>
    private let received = NIOLockedValueBox<[Call]>([])

    /// A helpdesk answering `routes` and `listing` for `tickets`, authenticated by header `credentialHeader` carrying `credential`.
    public init(
        credentialHeader: String, credential: String, routes: [Route], listing: Listing? = nil, tickets: ClosedRange<UInt64> = 1...1_000_000
    ) {
        self.credentialHeader = credentialHeader.lowercased()
        self.credential = credential
        self.routes = routes
        self.listing = listing
        self.tickets = tickets
    }

    /// A helpdesk authenticated by basic auth of `user` and `password`.
    public convenience init(user: String, password: String, routes: [Route], listing: Listing? = nil) {
        self.init(
            credentialHeader: "Authorization", credential: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString(), routes: routes,
            listing: listing)
    }

    /// Calls accepted so far, in order.
    public var calls: [Call] { received.withLockedValue { $0 } }

    public func answer(_ request: FakeHelpdeskRequest) -> FakeHelpdeskAnswer {
        guard request.headers[credentialHeader] == credential else { return FakeHelpdeskAnswer(status: 401, body: #"{"code":"invalid_credentials"}"#) }
        if request.method == "GET", let listing, let ticket = Self.ticket(of: request.path, in: listing), tickets.contains(ticket) {
            let path = listing.notes.prefix + "\(ticket)" + listing.notes.suffix
            let items = calls.filter { $0.method == listing.notes.method && $0.path == path }.map(\.json)
            return FakeHelpdeskAnswer(status: 200, body: listing.wrap(items.joined(separator: ",")))
        }
        let route = routes.first { route in
            guard request.method == route.method, request.path.hasPrefix(route.prefix), request.path.hasSuffix(route.suffix) else { return false }
            let id = request.path.dropFirst(route.prefix.count).dropLast(route.suffix.count)
            return UInt64(id).map(tickets.contains) ?? false
        }
        guard let route else { return FakeHelpdeskAnswer(status: 404, body: #"{"code":"not_found"}"#) }
        received.withLockedValue { $0.append(Call(method: request.method, path: request.path, json: String(decoding: request.body, as: UTF8.self))) }
        return FakeHelpdeskAnswer(status: route.status, body: #"{"id":1}"#)
    }

    /// The ticket a read of `listing` names in `path`, if `path` is such a read.
    private static func ticket(of path: String, in listing: Listing) -> UInt64? {
        guard let components = URLComponents(string: path), components.path.hasPrefix(listing.prefix),
              components.path.hasSuffix(listing.suffix)
        else { return nil }
        if let name = listing.ticketQuery {
            guard components.path == listing.prefix else { return nil }
            return components.queryItems?.first { $0.name == name }?.value.flatMap { UInt64($0) }
        }
        return UInt64(components.path.dropFirst(listing.prefix.count).dropLast(listing.suffix.count))
    }
}
