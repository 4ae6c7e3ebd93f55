/// One HTTP call that writes a note: method, path under the helpdesk's base URL, JSON body.
public struct NoteRequest: Sendable, Hashable {
    public enum Method: String, Sendable { case post = "POST", put = "PUT" }

    public var method: Method
    /// Path and query, starting with `/`.
    public var path: String
    /// The JSON body.
    public var body: [UInt8]

    public init(method: Method, path: String, body: [UInt8]) {
        self.method = method
        self.path = path
        self.body = body
    }
}

/// How one helpdesk's API takes an internal note.
public protocol HelpdeskNoteWriter: Sendable {
    /// The helpdesk this writer speaks to.
    var system: HelpdeskSystem { get }
    /// The request that writes `note` into its ticket.
    func request(for note: HelpdeskNote) throws(DeliveryError) -> NoteRequest
}
