import AsyncHTTPClient
import Foundation
import HelpdeskFake
import QuimbiHelpdesk
import Testing

@Suite("Freshdesk and Gorgias note writers against stand-ins")
struct NoteWriterTests {
    static let escalation = HelpdeskNote(
        eventID: "escalation:e1", ticketID: "42", body: "Quimbi escalation\n<late> & sorry",
        escalation: .init(priority: .high, tags: ["quimbi_escalated", "quimbi_service_failure"]))

    /// Sends `note` with `writer` over `connection` to `api`, returning the calls it accepted.
    func deliver(_ note: HelpdeskNote, _ writer: any HelpdeskNoteWriter, to api: FakeRecordingHelpdesk,
                 connection: (String) -> HelpdeskConnection) async throws -> [FakeRecordingHelpdesk.Call] {
        let server = try await FakeHelpdeskServer.start(api)
        let client = HelpdeskHTTPTransport.makeClient(connections: 4)
        let sender = NoteSender(
            writer: writer, transport: HelpdeskHTTPTransport(client: client, connection: connection(server.baseURL)), clock: ContinuousClock())
        var failure: DeliveryError?
        do {
            try await sender.deliver(note)
        } catch {
            failure = error
        }
        try await client.shutdown()
        try await server.stop()
        if let failure { throw failure }
        return api.calls
    }

    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("Freshdesk: a private HTML note, then the escalation's priority")
    func freshdesk() async throws {
        let api = FakeRecordingHelpdesk(user: "fd-key", password: "X", routes: FakeRecordingHelpdesk.freshdeskRoutes)
        let calls = try await deliver(Self.escalation, FreshdeskNoteWriter(), to: api) { .freshdesk(url: $0, apiKey: "fd-key") }
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/v2/tickets/42/notes", "PUT /api/v2/tickets/42"])
        let note = try Self.object(calls[0].json)
        #expect(note["private"] as? Bool == true)
        #expect(note["body"] as? String == "Quimbi escalation<br>&lt;late&gt; &amp; sorry")
        #expect(try Self.object(calls[1].json)["priority"] as? Int == 3)
    }

    @Test("Gorgias: an internal-note message from the agent, then the escalation's tags")
    func gorgias() async throws {
        let api = FakeRecordingHelpdesk(user: "agent@shop.example", password: "gorgias-key", routes: FakeRecordingHelpdesk.gorgiasRoutes)
        let calls = try await deliver(Self.escalation, GorgiasNoteWriter(agentEmail: "agent@shop.example"), to: api) {
            .gorgias(url: $0, email: "agent@shop.example", apiKey: "gorgias-key")
        }
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/tickets/42/messages", "POST /api/tickets/42/tags"])
        let message = try Self.object(calls[0].json)
        #expect(message["channel"] as? String == "internal-note")
        #expect(message["from_agent"] as? Bool == true)
        #expect(message["body_text"] as? String == Self.escalation.body)
        #expect((message["sender"] as? [String: Any])?["email"] as? String == "agent@shop.example")
        #expect(try Self.object(calls[1].json)["names"] as? [String] == ["quimbi_escalated", "quimbi_service_failure"])
    }

    @Test("wrong credentials are helpdesk_unauthorized and a draft note makes one call")
    func refusals() async throws {
        let api = FakeRecordingHelpdesk(user: "fd-key", password: "X", routes: FakeRecordingHelpdesk.freshdeskRoutes)
        var draft = Self.escalation
        draft.escalation = nil
        #expect(try await deliver(draft, FreshdeskNoteWriter(), to: api) { .freshdesk(url: $0, apiKey: "fd-key") }.count == 1)
        await #expect(throws: DeliveryError(.unauthorized, "the helpdesk answered 401")) {
            _ = try await deliver(draft, FreshdeskNoteWriter(), to: api) { .freshdesk(url: $0, apiKey: "other") }
        }
    }
}

@Suite("Chatwoot note writer against a stand-in")
struct ChatwootNoteWriterTests {
    /// The calls of `note` written with `writer` into a Chatwoot stand-in of account 7.
    static func deliver(_ note: HelpdeskNote, _ writer: ChatwootNoteWriter) async throws -> [FakeRecordingHelpdesk.Call] {
        let api = FakeRecordingHelpdesk(
            credentialHeader: "api_access_token", credential: "cw-token", routes: FakeRecordingHelpdesk.chatwootRoutes(account: 7))
        return try await NoteWriterTests().deliver(note, writer, to: api) { .chatwoot(url: $0, accessToken: "cw-token") }
    }

    @Test("a private outgoing message in the ticket's account, then the escalation's priority; no account, no call")
    func chatwoot() async throws {
        var note = NoteWriterTests.escalation
        note.account = "7"
        let calls = try await Self.deliver(note, ChatwootNoteWriter())
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "POST /api/v1/accounts/7/conversations/42/messages", "POST /api/v1/accounts/7/conversations/42/toggle_priority",
        ])
        let message = try NoteWriterTests.object(calls[0].json)
        #expect(message["private"] as? Bool == true && message["message_type"] as? String == "outgoing")
        #expect(message["content"] as? String == note.body)
        #expect(try NoteWriterTests.object(calls[1].json)["priority"] as? String == "high")
        note.account = nil
        #expect(throws: DeliveryError.self) { try ChatwootNoteWriter().requests(for: note) }
    }
}
