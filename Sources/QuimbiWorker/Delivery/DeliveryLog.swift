import QuimbiStore

/// Where the deliverer records, across restarts and replicas, which events' notes it wrote: PostgreSQL's
/// `delivered_notes` in `quimbi deliver --postgres`.
public protocol DeliveryLog: Sendable {
    /// Whether the note of `eventID` was recorded as delivered; throws while the log cannot be read.
    func contains(eventID: String) async throws -> Bool
    /// Records the note of `eventID` as written into `ticketID` of `helpdesk`; throws while the log cannot be written.
    func record(eventID: String, helpdesk: String, ticketID: String) async throws
}

extension DeliveredNoteRepository: DeliveryLog {}
