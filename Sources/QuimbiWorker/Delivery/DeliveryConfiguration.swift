import QuimbiKafka
import QuimbiResilience

/// Settings of the note deliverer (`quimbi deliver`).
public struct DeliveryConfiguration: Sendable {
    /// The consumer group; its topics are the drafts and escalations topics. Its ``ConsumerConfiguration/maxInFlight``
    /// is set by the deliverer to what its helpdesks' backlogs hold, plus ``maxConcurrentNotes``.
    public var consumer: ConsumerConfiguration
    /// The producer of dead letters.
    public var producer: ProducerConfiguration
    public var topics: WorkerTopics
    /// Notes written at the same time into each helpdesk (each has its own slots).
    public var maxConcurrentNotes: Int
    /// Notes each helpdesk holds at most, written or waiting for a slot. Beyond it a note waits while the helpdesk
    /// answers (busy), and is dead-lettered as `helpdesk_unavailable` at once while its last answer was a 429, a 5xx
    /// or none (down), so a helpdesk that is down never fills the consumer's window for the others.
    public var maxQueuedNotes: Int
    /// Upper bound of a graceful shutdown; notes still being written then are left to the next owner.
    public var shutdownTimeout: Duration
    /// CloudEvents `source` of the dead letters.
    public var eventSource: String
    /// Back-off between attempts to read or write the ``DeliveryLog``.
    public var logRetry: RetryPolicy
    /// How long a note waits for an unreachable ``DeliveryLog`` before the helpdesk's notes are read instead (or,
    /// after writing, before the note is passed unrecorded).
    public var logWait: Duration
    /// The clock of the log's back-off.
    public var clock: any Clock<Duration>

    public init(
        consumer: ConsumerConfiguration, producer: ProducerConfiguration, topics: WorkerTopics, maxConcurrentNotes: Int = 64,
        maxQueuedNotes: Int? = nil, shutdownTimeout: Duration = .seconds(20), eventSource: String = "/quimbi/deliver",
        logRetry: RetryPolicy = .untilStopped, logWait: Duration = .seconds(10), clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.consumer = consumer
        self.producer = producer
        self.topics = topics
        self.maxConcurrentNotes = maxConcurrentNotes
        self.maxQueuedNotes = maxQueuedNotes ?? maxConcurrentNotes * 4
        self.shutdownTimeout = shutdownTimeout
        self.eventSource = eventSource
        self.logRetry = logRetry
        self.logWait = logWait
        self.clock = clock
    }
}

/// Told what became of every draft and escalation (for metrics and tests).
public protocol DeliveryObserver: Sendable {
    /// A note was written into `system` (or had been already: a repeated event, found in this process's memory,
    /// the delivery log or the helpdesk's notes).
    func noteDelivered(system: String, duplicate: Bool)
    /// The event's ticket came from no configured helpdesk (`system` is `none` without a source).
    func noteSkipped(system: String)
    /// The event was dead-lettered with `code`.
    func noteDeadLettered(system: String, code: String)
}
