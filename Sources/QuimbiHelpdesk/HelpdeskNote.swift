import QuimbiCore

/// An internal note for one helpdesk ticket: what `quimbi deliver` writes, whatever the helpdesk.
public struct HelpdeskNote: Sendable, Hashable {
    /// What a manager should see on an escalated ticket, in the helpdesk's own fields.
    public struct EscalationMarks: Sendable, Hashable {
        public var priority: Priority
        /// Tags added to the ticket (the policy's reason codes, prefixed, and `quimbi_escalated`).
        public var tags: [String]

        public init(priority: Priority, tags: [String]) {
            self.priority = priority
            self.tags = tags
        }
    }

    /// The event the note comes from (its id is written into the note as the delivery marker).
    public var eventID: String
    /// The helpdesk's ticket id.
    public var ticketID: String
    /// The helpdesk account the ticket belongs to (the ticket's `source.account`), for APIs that address it.
    public var account: String?
    /// Plain-text body of the note.
    public var body: String
    /// Present when the note comes from an escalation.
    public var escalation: EscalationMarks?

    public init(eventID: String, ticketID: String, account: String? = nil, body: String, escalation: EscalationMarks? = nil) {
        self.eventID = eventID
        self.ticketID = ticketID
        self.account = account
        self.body = body
        self.escalation = escalation
    }
}
