import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QuimbiCore
import Testing

@Suite("Zendesk webhook route over loopback HTTP")
struct ZendeskWebhookRouteTests {
    @Test("a signed trigger body is published once as ticket-created with source zendesk; a redelivery is a duplicate")
    func acceptsOnce() async throws {
        let publisher = RecordingPublisher()
        try await APIFixture(publisher: publisher).live { client in
            let body = APIFixture.zendeskTicket()
            for duplicate in [false, true] {
                let response = try await client.execute(
                    uri: "/webhooks/zendesk", method: .post, headers: APIFixture.zendeskSigned(body), body: ByteBuffer(bytes: body))
                #expect(response.status == .accepted)
                #expect(try response.json()["event_id"] as? String == "zendesk:123456:4711")
                #expect(try response.json()["duplicate"] as? Bool == duplicate)
            }
        }
        let ticket = try #require(publisher.published.first)
        #expect(publisher.published.count == 1)
        #expect(ticket.source == TicketSource(system: "zendesk", account: "123456"))
        #expect(ticket.message == "My last order took forever to ship…")
        #expect(ticket.channel == .chat)
        #expect(ticket.customerID == APIFixture.knownCustomer)
    }

    @Test("unsigned, forged, stale and Quimbi-signed requests get 401 and publish nothing")
    func refusesBadSignatures() async throws {
        let publisher = RecordingPublisher()
        let body = APIFixture.zendeskTicket()
        try await APIFixture(publisher: publisher).live { client in
            let now = Date()
            let cases: [HTTPFields] = [
                [:], APIFixture.zendeskSigned(body, secret: "other"), APIFixture.zendeskSigned(body, at: now - 301),
                APIFixture.zendeskSigned(body, at: now + 310), APIFixture.signed(body),
                APIFixture.zendeskSigned(APIFixture.zendeskTicket(id: "4712")),
            ]
            for headers in cases {
                let response = try await client.execute(uri: "/webhooks/zendesk", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == .unauthorized)
            }
        }
        #expect(publisher.published.isEmpty)
    }

    @Test("a body that maps to no valid ticket gets 400 with the ticket decoder's code")
    func invalidTicket() async throws {
        try await APIFixture().live { client in
            let body = APIFixture.zendeskTicket(description: String(repeating: "x", count: 20_001))
            let response = try await client.execute(
                uri: "/webhooks/zendesk", method: .post, headers: APIFixture.zendeskSigned(body), body: ByteBuffer(bytes: body))
            #expect(response.status == .badRequest)
            #expect((try response.json()["error"] as? [String: Any])?["code"] as? String == "field_out_of_bounds")
        }
    }
}

@Suite("Freshdesk and Gorgias webhook routes over loopback HTTP")
struct SecretHeaderWebhookRouteTests {
    @Test("a request with the helpdesk's secret is published with its source; others get 401", arguments: ["freshdesk", "gorgias"])
    func route(helpdesk: String) async throws {
        let publisher = RecordingPublisher()
        try await APIFixture(publisher: publisher).live { client in
            let body = APIFixture.zendeskTicket(id: "88")
            for (headers, status) in [
                (APIFixture.secretHeaders(for: helpdesk), HTTPResponse.Status.accepted),
                (APIFixture.secretHeaders(for: helpdesk, secret: "wrong"), .unauthorized), ([:], .unauthorized),
                (APIFixture.zendeskSigned(body), .unauthorized),
            ] {
                let response = try await client.execute(uri: "/webhooks/\(helpdesk)", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == status)
            }
        }
        #expect(publisher.published.map(\.source?.system) == [helpdesk])
    }
}

@Suite("Chatwoot webhook route over loopback HTTP")
struct ChatwootWebhookRouteTests {
    @Test("a signed customer message is published once per conversation; an agent's message is answered 204; unsigned is 401")
    func route() async throws {
        let publisher = RecordingPublisher()
        try await APIFixture(publisher: publisher).live { client in
            let message = APIFixture.chatwootMessage()
            for (body, headers, status) in [
                (message, APIFixture.chatwootSigned(message), HTTPResponse.Status.accepted),
                (message, APIFixture.chatwootSigned(message), .accepted),
                (APIFixture.chatwootMessage(messageType: "outgoing"), APIFixture.chatwootSigned(APIFixture.chatwootMessage(messageType: "outgoing")), .noContent),
                (message, APIFixture.chatwootSigned(message, secret: "other"), .unauthorized), (message, [:], .unauthorized),
            ] {
                let response = try await client.execute(uri: "/webhooks/chatwoot", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == status)
            }
        }
        #expect(publisher.published.map(\.eventID) == ["chatwoot:7:12"])
        #expect(publisher.published.first?.channel == .email)
    }
}
