/// The `delivered_notes` table: the event id of every note `quimbi deliver` wrote, with its helpdesk and ticket.
public struct DeliveredNoteRepository: Sendable {
    private let pool: PostgresPool

    /// Reads and writes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Throws `delivered_notes_missing` when the table is not there (`quimbi migrate` not run).
    public func verifyTable() async throws {
        try await pool.verifyTable("delivered_notes")
    }

    /// Whether the note of `eventID` was recorded as delivered.
    /// - Throws: ``StoreError``, transient while PostgreSQL cannot be reached.
    public func contains(eventID: String) async throws -> Bool {
        !(try await pool.query("SELECT 1 FROM delivered_notes WHERE event_id = $1", [eventID]).rows.isEmpty)
    }

    /// Records the note of `eventID` as delivered into `ticketID` of `helpdesk`; a note recorded before stays as it is.
    /// - Throws: ``StoreError``, transient while PostgreSQL cannot be reached.
    public func record(eventID: String, helpdesk: String, ticketID: String) async throws {
        _ = try await pool.query(
            "INSERT INTO delivered_notes (event_id, helpdesk, ticket_id) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING",
            [eventID, helpdesk, ticketID])
    }
}
