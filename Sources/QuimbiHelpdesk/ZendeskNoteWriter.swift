import Foundation

/// Zendesk: `PUT /api/v2/tickets/{id}.json` with `{"ticket": {"comment": {"body": …, "public": false}}}` (an
/// internal note); an escalation also sets `priority`, adds tags with `additional_tags` (existing tags stay) and, when
/// configured, assigns the managers' group (`group_id`).
/// Notes written before are looked for in the newest 100 comments (`GET /api/v2/tickets/{id}/comments.json`).
public struct ZendeskNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.zendesk
    /// The group escalated tickets are assigned to, if any.
    private let escalationGroup: UInt64?

    /// A writer assigning escalated tickets to `escalationGroup` when given.
    public init(escalationGroup: UInt64? = nil) {
        self.escalationGroup = escalationGroup
    }

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let id = try numericTicketID(note)
        let update = Update(ticket: .init(
            comment: .init(body: note.body, public: false), priority: note.escalation?.priority.rawValue,
            additionalTags: note.escalation?.tags, groupID: note.escalation == nil ? nil : escalationGroup))
        return [NoteRequest(method: .put, path: "/api/v2/tickets/\(id).json", body: try NoteJSON.encode(update))]
    }

    public func markerQuery(for note: HelpdeskNote) throws(DeliveryError) -> NoteRequest {
        NoteRequest(method: .get, path: "/api/v2/tickets/\(try numericTicketID(note))/comments.json?sort_order=desc&per_page=100")
    }

    private struct Update: Encodable {
        struct Ticket: Encodable {
            struct Comment: Encodable {
                var body: String
                var `public`: Bool
            }

            var comment: Comment
            var priority: String?
            var additionalTags: [String]?
            var groupID: UInt64?

            enum CodingKeys: String, CodingKey {
                case comment, priority
                case additionalTags = "additional_tags"
                case groupID = "group_id"
            }
        }

        var ticket: Ticket
    }
}
