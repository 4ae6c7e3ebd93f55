import Foundation

/// Zendesk: `PUT /api/v2/tickets/{id}.json` with `{"ticket": {"comment": {"body": …, "public": false}}}` (an
/// internal note); an escalation also sets `priority` and adds tags with `additional_tags` (existing tags stay).
public struct ZendeskNoteWriter: HelpdeskNoteWriter {
    public let system = HelpdeskSystem.zendesk

    public init() {}

    public func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest] {
        let id = try numericTicketID(note)
        let update = Update(ticket: .init(
            comment: .init(body: note.body, public: false), priority: note.escalation?.priority.rawValue,
            additionalTags: note.escalation?.tags))
        return [NoteRequest(method: .put, path: "/api/v2/tickets/\(id).json", body: try NoteJSON.encode(update))]
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

            enum CodingKeys: String, CodingKey {
                case comment, priority
                case additionalTags = "additional_tags"
            }
        }

        var ticket: Ticket
    }
}
