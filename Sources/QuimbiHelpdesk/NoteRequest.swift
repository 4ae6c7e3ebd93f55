/// One HTTP call that writes a note (or reads a ticket's notes): method, path under the helpdesk's base URL, JSON body.
public struct NoteRequest: Sendable, Hashable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT" }

    public var method: Method
    /// Path and query, starting with `/`.
    public var path: String
    /// The JSON body; empty for a read.
    public var body: [UInt8]

    public init(method: Method, path: String, body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.body = body
    }
}

/// How one helpdesk's API takes an internal note.
public protocol HelpdeskNoteWriter: Sendable {
    /// The helpdesk this writer speaks to.
    var system: HelpdeskSystem { get }
    /// The requests that write `note` into its ticket, in order: the note first, then an escalation's marks
    /// where the helpdesk takes them in a separate call.
    func requests(for note: HelpdeskNote) throws(DeliveryError) -> [NoteRequest]
    /// The read of the newest notes of `note`'s ticket, where a note written before carries its ``NoteMarker``.
    func markerQuery(for note: HelpdeskNote) throws(DeliveryError) -> NoteRequest
}

extension HelpdeskNoteWriter {
    /// The numeric ticket id these helpdesks use, or `invalid_ticket_id`.
    func numericTicketID(_ note: HelpdeskNote) throws(DeliveryError) -> UInt64 {
        guard let id = UInt64(note.ticketID) else {
            throw DeliveryError(.invalidTicketID, "\(system.rawValue) ticket ids are numbers, not \(note.ticketID.prefix(40))")
        }
        return id
    }
}
