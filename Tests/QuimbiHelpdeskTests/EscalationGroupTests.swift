import Foundation
import HelpdeskFake
import QuimbiHelpdesk
import Testing

/// Escalations go to the managers' group or team configured per helpdesk, in the helpdesk's own field; drafts do not.
@Suite("Escalation groups and teams against the stand-ins")
struct EscalationGroupTests {
    var draft: HelpdeskNote {
        var note = NoteWriterTests.escalation
        note.escalation = nil
        return note
    }

    @Test("Zendesk: the escalation's update carries group_id; a draft's does not")
    func zendesk() async throws {
        let zendesk = FakeZendesk(email: "agent@shop.example", token: "token", tickets: 1...100)
        let server = try await FakeHelpdeskServer.start(zendesk)
        let client = HelpdeskHTTPTransport.makeClient(connections: 2)
        let sender = NoteSender(
            writer: ZendeskNoteWriter(escalationGroup: 360_001),
            transport: HelpdeskHTTPTransport(client: client, connection: .zendesk(url: server.baseURL, email: "agent@shop.example", token: "token")),
            clock: ContinuousClock())
        try await sender.deliver(NoteWriterTests.escalation)
        try await sender.deliver(draft)
        try await client.shutdown()
        try await server.stop()
        #expect(zendesk.comments.map(\.groupID) == [360_001, nil])
        #expect(zendesk.comments.map(\.priority) == ["high", nil])
    }

    @Test("Freshdesk: the escalation's ticket update sets priority and group_id")
    func freshdesk() async throws {
        let api = FakeRecordingHelpdesk(user: "fd-key", password: "X", routes: FakeRecordingHelpdesk.freshdeskRoutes)
        let calls = try await NoteWriterTests().deliver(NoteWriterTests.escalation, FreshdeskNoteWriter(escalationGroup: 77), to: api) {
            .freshdesk(url: $0, apiKey: "fd-key")
        }
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/v2/tickets/42/notes", "PUT /api/v2/tickets/42"])
        let update = try NoteWriterTests.object(calls[1].json)
        #expect(update["priority"] as? Int == 3 && update["group_id"] as? Int == 77)
        let unassigned = try await NoteWriterTests().deliver(NoteWriterTests.escalation, FreshdeskNoteWriter(), to: api) {
            .freshdesk(url: $0, apiKey: "fd-key")
        }
        #expect(try NoteWriterTests.object(try #require(unassigned.last).json).keys.sorted() == ["priority"], "calls so far: \(unassigned.count)")
    }

    @Test("Gorgias: the escalation ends with the ticket assigned to the team; a draft is one message")
    func gorgias() async throws {
        let api = FakeRecordingHelpdesk(user: "agent@shop.example", password: "gorgias-key", routes: FakeRecordingHelpdesk.gorgiasRoutes)
        let writer = GorgiasNoteWriter(agentEmail: "agent@shop.example", escalationTeam: 12)
        let calls = try await NoteWriterTests().deliver(NoteWriterTests.escalation, writer, to: api) {
            .gorgias(url: $0, email: "agent@shop.example", apiKey: "gorgias-key")
        }
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "POST /api/tickets/42/messages", "POST /api/tickets/42/tags", "PUT /api/tickets/42",
        ])
        #expect((try NoteWriterTests.object(calls[2].json)["assignee_team"] as? [String: Any])?["id"] as? Int == 12)
        #expect(try writer.requests(for: draft).count == 1)
    }

    @Test("Chatwoot: the escalation ends with the conversation assigned to the team")
    func chatwoot() async throws {
        var note = NoteWriterTests.escalation
        note.account = "7"
        let calls = try await ChatwootNoteWriterTests.deliver(note, ChatwootNoteWriter(escalationTeam: 5))
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "POST /api/v1/accounts/7/conversations/42/messages", "POST /api/v1/accounts/7/conversations/42/toggle_priority",
            "POST /api/v1/accounts/7/conversations/42/assignments",
        ])
        #expect(try NoteWriterTests.object(calls[2].json)["team_id"] as? Int == 5)
        #expect(try ChatwootNoteWriter().requests(for: note).count == 2)
    }
}
