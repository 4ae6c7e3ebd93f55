/// Freshdesk: `POST /api/v2/tickets/{id}/notes` with `{"body": <html>, "private": true}`; an escalation then
/// sets the ticket's priority with `PUT /api/v2/tickets/{id}` (`1` low … `4` urgent). Tags are left alone:
/// Freshdesk's update replaces the whole tag list.
public struct FreshdeskNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.freshdesk

    public init() {}

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let id = try numericTicketID(note)
        var requests = [NoteRequest(
            method: .post, path: "/api/v2/tickets/\(id)/notes", body: try NoteJSON.encode(Note(body: NoteHTML.html(note.body), private: true)))]
        if let escalation = note.escalation {
            let priority = switch escalation.priority {
            case .low: 1
            case .normal: 2
            case .high: 3
            case .urgent: 4
            }
            requests.append(NoteRequest(method: .put, path: "/api/v2/tickets/\(id)", body: try NoteJSON.encode(["priority": priority])))
        }
        return requests
    }

    private struct Note: Encodable {
        var body: String
        var `private`: Bool
    }
}
