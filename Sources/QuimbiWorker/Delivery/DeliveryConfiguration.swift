import QuimbiKafka

/// Settings of the note deliverer (`quimbi deliver`).
public struct DeliveryConfiguration: Sendable {
    /// The consumer group; its topics are the drafts and escalations topics.
    public var consumer: ConsumerConfiguration
    /// The producer of dead letters.
    public var producer: ProducerConfiguration
    public var topics: WorkerTopics
    /// Notes written at the same time, across all configured helpdesks.
    public var maxConcurrentNotes: Int
    /// Upper bound of a graceful shutdown; notes still being written then are left to the next owner.
    public var shutdownTimeout: Duration
    /// CloudEvents `source` of the dead letters.
    public var eventSource: String

    public init(
        consumer: ConsumerConfiguration, producer: ProducerConfiguration, topics: WorkerTopics, maxConcurrentNotes: Int = 64,
        shutdownTimeout: Duration = .seconds(20), eventSource: String = "/quimbi/deliver"
    ) {
        self.consumer = consumer
        self.producer = producer
        self.topics = topics
        self.maxConcurrentNotes = maxConcurrentNotes
        self.shutdownTimeout = shutdownTimeout
        self.eventSource = eventSource
    }
}

/// Told what became of every draft and escalation (for metrics and tests).
public protocol DeliveryObserver: Sendable {
    /// A note was written into `system` (or had been already: a repeated event).
    func noteDelivered(system: String, duplicate: Bool)
    /// The event's ticket came from no configured helpdesk (`system` is `none` without a source).
    func noteSkipped(system: String)
    /// The event was dead-lettered with `code`.
    func noteDeadLettered(system: String, code: String)
}
