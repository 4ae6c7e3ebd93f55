/// Freshdesk: `POST /api/v2/tickets/{id}/notes` with `{"body": <html>, "private": true}`; an escalation then
/// sets the ticket's priority (`1` low … `4` urgent) and, when configured, the managers' group (`group_id`) with
/// `PUT /api/v2/tickets/{id}`. Tags are left alone:
/// Freshdesk's update replaces the whole tag list. Notes written before are looked for in the ticket's first 100
/// conversations (`GET /api/v2/tickets/{id}/conversations`, oldest first: a draft's note is among a ticket's first).
public struct FreshdeskNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.freshdesk
    /// The group escalated tickets are assigned to, if any.
    private let escalationGroup: UInt64?

    /// A writer assigning escalated tickets to `escalationGroup` when given.
    public init(escalationGroup: UInt64? = nil) {
        self.escalationGroup = escalationGroup
    }

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
            let update = TicketUpdate(priority: priority, groupID: escalationGroup)
            requests.append(NoteRequest(method: .put, path: "/api/v2/tickets/\(id)", body: try NoteJSON.encode(update)))
        }
        return requests
    }

    public func markerQuery(for note: HelpdeskNote) throws(DeliveryError) -> NoteRequest {
        NoteRequest(method: .get, path: "/api/v2/tickets/\(try numericTicketID(note))/conversations?per_page=100")
    }

    private struct TicketUpdate: Encodable {
        var priority: Int
        var groupID: UInt64?

        enum CodingKeys: String, CodingKey {
            case priority
            case groupID = "group_id"
        }
    }

    private struct Note: Encodable {
        var body: String
        var `private`: Bool
    }
}
