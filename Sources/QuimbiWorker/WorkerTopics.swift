/// The topics the worker reads and writes (DESIGN §4); all overridable.
public struct WorkerTopics: Sendable, Hashable {
    public var ticketsCreated: String
    public var drafts: String
    public var escalations: String
    public var deadLetters: String

    public init(
        ticketsCreated: String = "support.tickets.created", drafts: String = "support.drafts",
        escalations: String = "support.escalations", deadLetters: String = "support.tickets.dlq"
    ) {
        self.ticketsCreated = ticketsCreated
        self.drafts = drafts
        self.escalations = escalations
        self.deadLetters = deadLetters
    }

    /// Every topic, input first.
    public var all: [String] { [ticketsCreated, drafts, escalations, deadLetters] }
}
