/// Gorgias: `POST /api/tickets/{id}/messages` with an internal note (`"channel": "internal-note"`, `"via": "api"`,
/// `"from_agent": true`, the sender agent's e-mail, text and HTML bodies); an escalation then adds its tags with
/// `POST /api/tickets/{id}/tags` and, when configured, assigns the managers' team with `PUT /api/tickets/{id}`
/// (`{"assignee_team": {"id": …}}`). Notes written before are looked for in the ticket's newest 100 messages
/// (`GET /api/messages?ticket_id={id}`, ordered by `created_datetime:desc`).
public struct GorgiasNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.gorgias
    /// The agent the notes are written as (the API user).
    private let agentEmail: String
    /// The team escalated tickets are assigned to, if any.
    private let escalationTeam: UInt64?

    /// A writer posting as `agentEmail`, assigning escalated tickets to `escalationTeam` when given.
    public init(agentEmail: String, escalationTeam: UInt64? = nil) {
        self.agentEmail = agentEmail
        self.escalationTeam = escalationTeam
    }

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let id = try numericTicketID(note)
        let message = Message(
            channel: "internal-note", via: "api", fromAgent: true, sender: .init(email: agentEmail), bodyText: note.body,
            bodyHTML: NoteHTML.html(note.body))
        var requests = [NoteRequest(method: .post, path: "/api/tickets/\(id)/messages", body: try NoteJSON.encode(message))]
        if let escalation = note.escalation {
            requests.append(NoteRequest(method: .post, path: "/api/tickets/\(id)/tags", body: try NoteJSON.encode(["names": escalation.tags])))
            if let escalationTeam {
                requests.append(NoteRequest(
                    method: .put, path: "/api/tickets/\(id)", body: try NoteJSON.encode(["assignee_team": ["id": escalationTeam]])))
            }
        }
        return requests
    }

    public func markerQuery(for note: HelpdeskNote) throws(DeliveryError) -> NoteRequest {
        NoteRequest(method: .get, path: "/api/messages?ticket_id=\(try numericTicketID(note))&limit=100&order_by=created_datetime:desc")
    }

    private struct Message: Encodable {
        struct Sender: Encodable { var email: String }
        var channel: String
        var via: String
        var fromAgent: Bool
        var sender: Sender
        var bodyText: String
        var bodyHTML: String

        enum CodingKeys: String, CodingKey {
            case channel, via, sender
            case fromAgent = "from_agent"
            case bodyText = "body_text"
            case bodyHTML = "body_html"
        }
    }
}
