/// Chatwoot: `POST /api/v1/accounts/{account}/conversations/{id}/messages` with
/// `{"content": …, "message_type": "outgoing", "private": true}` (a private note); an escalation then sets the
/// conversation's priority with `POST …/conversations/{id}/toggle_priority` (normal is Chatwoot's `medium`).
public struct ChatwootNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.chatwoot

    public init() {}

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let id = try numericTicketID(note)
        guard let account = note.account.flatMap({ UInt64($0) }) else {
            throw DeliveryError(.invalidAccount, "Chatwoot needs the ticket's numeric account id, not \(note.account?.prefix(40) ?? "none")")
        }
        let conversation = "/api/v1/accounts/\(account)/conversations/\(id)"
        var requests = [NoteRequest(
            method: .post, path: "\(conversation)/messages",
            body: try NoteJSON.encode(Message(content: note.body, messageType: "outgoing", private: true)))]
        if let escalation = note.escalation {
            let priority = escalation.priority == .normal ? "medium" : escalation.priority.rawValue
            requests.append(NoteRequest(method: .post, path: "\(conversation)/toggle_priority", body: try NoteJSON.encode(["priority": priority])))
        }
        return requests
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
