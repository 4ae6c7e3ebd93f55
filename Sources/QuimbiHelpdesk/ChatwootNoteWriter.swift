/// Chatwoot: `POST /api/v1/accounts/{account}/conversations/{id}/messages` with
/// `{"content": …, "message_type": "outgoing", "private": true}` (a private note); an escalation then sets the
/// conversation's priority with `POST …/conversations/{id}/toggle_priority` (normal is Chatwoot's `medium`) and, when
/// configured, assigns the managers' team with `POST …/conversations/{id}/assignments` (`{"team_id": …}`). Notes
/// written before are looked for in the conversation's newest messages (`GET …/conversations/{id}/messages`).
public struct ChatwootNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.chatwoot
    /// The team escalated conversations are assigned to, if any.
    private let escalationTeam: UInt64?

    /// A writer assigning escalated conversations to `escalationTeam` when given.
    public init(escalationTeam: UInt64? = nil) {
        self.escalationTeam = escalationTeam
    }

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let conversation = try conversationPath(note)
        var requests = [NoteRequest(
            method: .post, path: "\(conversation)/messages",
            body: try NoteJSON.encode(Message(content: note.body, messageType: "outgoing", private: true)))]
        if let escalation = note.escalation {
            let priority = escalation.priority == .normal ? "medium" : escalation.priority.rawValue
            requests.append(NoteRequest(method: .post, path: "\(conversation)/toggle_priority", body: try NoteJSON.encode(["priority": priority])))
            if let escalationTeam {
                requests.append(NoteRequest(method: .post, path: "\(conversation)/assignments", body: try NoteJSON.encode(["team_id": escalationTeam])))
            }
        }
        return requests
    }

    public func markerQuery(for note: HelpdeskNote) throws(DeliveryError) -> NoteRequest {
        NoteRequest(method: .get, path: "\(try conversationPath(note))/messages")
    }

    /// `/api/v1/accounts/{account}/conversations/{id}`, or `invalid_ticket_id` / `invalid_helpdesk_account`.
    private func conversationPath(_ note: HelpdeskNote) throws(DeliveryError) -> String {
        let id = try numericTicketID(note)
        guard let account = note.account.flatMap({ UInt64($0) }) else {
            throw DeliveryError(.invalidAccount, "Chatwoot needs the ticket's numeric account id, not \(note.account?.prefix(40) ?? "none")")
        }
        return "/api/v1/accounts/\(account)/conversations/\(id)"
    }

    private struct Message: Encodable {
        var content: String
        var messageType: String
        var `private`: Bool

        enum CodingKeys: String, CodingKey {
            case content, `private`
            case messageType = "message_type"
        }
    }
}
