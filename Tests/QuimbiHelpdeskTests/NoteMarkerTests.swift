import Foundation
import HelpdeskFake
import QuimbiHelpdesk
import Testing

@Suite("Delivery markers: found in a helpdesk's list of notes, and only for their own event")
struct NoteMarkerTests {
    static func json(_ object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object))
    }

    @Test("the marker is found in any string of the listing, as text or HTML")
    func found() throws {
        let zendesk = try Self.json(["comments": [["body": "Hello"], ["plain_body": "Quimbi draft\n\nquimbi-event: draft:zendesk:1:42"]]])
        #expect(NoteMarker.isPresent(eventID: "draft:zendesk:1:42", inJSON: zendesk))
        let freshdesk = try Self.json([["body": "<div>Quimbi draft<br><br>quimbi-event: draft:freshdesk:1:42</div>", "private": true]])
        #expect(NoteMarker.isPresent(eventID: "draft:freshdesk:1:42", inJSON: freshdesk))
        let escaped = try Self.json(["payload": [["content": "quimbi-event: draft:a&amp;b:1"]]])
        #expect(NoteMarker.isPresent(eventID: "draft:a&b:1", inJSON: escaped))
    }

    @Test("another event's marker, a longer id, or no JSON at all is not the note")
    func notFound() throws {
        let listing = try Self.json(["data": [["body_text": "quimbi-event: draft:gorgias:1:420"], ["body_text": "quimbi-event: draft:gorgias:1:4"]]])
        #expect(!NoteMarker.isPresent(eventID: "draft:gorgias:1:42", inJSON: listing))
        #expect(NoteMarker.isPresent(eventID: "draft:gorgias:1:4", inJSON: listing))
        #expect(!NoteMarker.isPresent(eventID: "draft:gorgias:1:42", inJSON: Array("<html>quimbi-event: draft:gorgias:1:42".utf8)))
    }

    @Test("each writer reads the documented listing of its ticket's newest notes")
    func queries() throws {
        var note = HelpdeskNote(eventID: "draft:x:1:42", ticketID: "42", account: "7", body: "b")
        #expect(try ZendeskNoteWriter().markerQuery(for: note).path == "/api/v2/tickets/42/comments.json?sort_order=desc&per_page=100")
        #expect(try FreshdeskNoteWriter().markerQuery(for: note).path == "/api/v2/tickets/42/conversations?per_page=100")
        #expect(try GorgiasNoteWriter(agentEmail: "a@b.c").markerQuery(for: note).path
            == "/api/messages?ticket_id=42&limit=100&order_by=created_datetime:desc")
        #expect(try ChatwootNoteWriter().markerQuery(for: note).path == "/api/v1/accounts/7/conversations/42/messages")
        #expect(try ZendeskNoteWriter().markerQuery(for: note).method == .get)
        note.account = nil
        #expect(throws: DeliveryError.self) { try ChatwootNoteWriter().markerQuery(for: note) }
    }
}
