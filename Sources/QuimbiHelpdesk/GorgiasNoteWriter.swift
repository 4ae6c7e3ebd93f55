/// Gorgias: `POST /api/tickets/{id}/messages` with an internal note (`"channel": "internal-note"`, `"via": "api"`,
/// `"from_agent": true`, the sender agent's e-mail, text and HTML bodies); an escalation then adds its tags with
/// `POST /api/tickets/{id}/tags`.
public struct GorgiasNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.gorgias
    /// The agent the notes are written as (the API user).
    private let agentEmail: String

    public init(agentEmail: String) {
        self.agentEmail = agentEmail
    }

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let id = try numericTicketID(note)
        let message = Message(
            channel: "internal-note", via: "api", fromAgent: true, sender: .init(email: agentEmail), bodyText: note.body,
            bodyHTML: NoteHTML.html(note.body))
        var requests = [NoteRequest(method: .post, path: "/api/tickets/\(id)/messages", body: try NoteJSON.encode(message))]
        if let escalation = note.escalation {
            requests.append(NoteRequest(method: .post, path: "/api/tickets/\(id)/tags", body: try NoteJSON.encode(["names": escalation.tags])))
        }
        return requests
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
