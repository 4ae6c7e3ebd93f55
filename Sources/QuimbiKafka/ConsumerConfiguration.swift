/// Settings of a ``KafkaConsumer``.
public struct ConsumerConfiguration: Sendable {
    public var kafka: KafkaConfiguration
    /// Consumer group; replicas with the same group share the partitions.
    public var groupID: String
    public var topics: [String]
    /// Records handed out and not yet finished at which the consumer stops taking records (see
    /// ``pauseAfterHolding``); once paused, fetching resumes at half.
    public var maxInFlight: Int
    /// How long the poll thread, at ``maxInFlight``, only waits for records to finish before it pauses
    /// the partitions. Waiting leaves librdkafka's prefetched records in place, but its callbacks
    /// (rebalances) wait too; a pause drops what was prefetched and fetching restarts up to a second
    /// after the resume, so it is kept for records that stay in flight long (a slow dependency).
    public var pauseAfterHolding: Duration
    /// Most records handed out in one batch.
    public var maxBatch: Int
    /// Records librdkafka fetches ahead of the poll thread (`queued.min.messages`; the group's partitions share
    /// one queue, so it counts them all). While ``maxInFlight`` holds the poll thread, the prefetch fills up to
    /// this; librdkafka then stops fetching and looks again only when its broker thread next wakes, up to a second
    /// later (2.0.2; later versions back off `fetch.queue.backoff.ms`, a second by default). A prefetch that holds
    /// less than a second of processing runs dry before that: capped at 4 MB (about 8,000 tickets), it left a
    /// saturated worker idle a third of the time. The default holds more than a second at 26,000 tickets/s; the
    /// prefetch is also bounded at 64 MB (`queued.max.messages.kbytes`), for large records.
    public var prefetchMessages: Int
    /// Room the poll thread waits for, once short of it, before it takes records again: a quarter of
    /// ``maxInFlight`` (at most ``maxBatch``, at least one). Taking records as soon as one finishes would,
    /// at the limit, wake the poll thread and hand out a batch of one for every finished record.
    public var refillRoom: Int { max(1, min(maxBatch, maxInFlight / 4)) }
    /// How often finished progress is committed.
    public var commitInterval: Duration
    /// How long a revoke waits for in-flight records of the revoked partitions to finish.
    public var revokeGracePeriod: Duration
    /// Where a group without committed offsets starts: `earliest` or `latest`.
    public var autoOffsetReset: String
    /// How long the group waits for a silent member before reassigning its partitions
    /// (`session.timeout.ms`); `nil` keeps librdkafka's default (45 s).
    public var sessionTimeout: Duration?
    /// How long a fetch may wait at the broker for new records (`fetch.wait.max.ms`). Real brokers
    /// answer as soon as records arrive; the embedded mock cluster always waits this long when a
    /// partition is momentarily empty, so it bounds latency there.
    public var fetchWaitMax: Duration
    /// How long a request to a broker may go unanswered before the consumer gives it up, drops the
    /// connection and sends it again (`socket.timeout.ms`). librdkafka's 60 s default strands a fetch
    /// on a broker that holds its connection but has stopped answering (a partition that drops packets)
    /// for a minute; real brokers answer a fetch within ``fetchWaitMax``, and the group's JoinGroup,
    /// SyncGroup and Heartbeat requests keep their own session-based timeouts.
    public var socketTimeout: Duration
    /// ``socketTimeout``'s default.
    public static let defaultSocketTimeout = Duration.seconds(10)
    /// Called on the poll thread about once a second with the lag of every assigned partition:
    /// records between the first one not yet finished and the partition's end. Must return quickly.
    public var lagReporter: (@Sendable ([TopicPartition: Int64]) -> Void)?
    /// Called on the poll thread, inside librdkafka's rebalance callback, once the consumer took
    /// partitions on or handed them back (after a revoke's wait for in-flight records and its commit).
    /// Must return quickly.
    public var assignmentObserver: (@Sendable (AssignmentChange) -> Void)?

    public init(
        kafka: KafkaConfiguration, groupID: String, topics: [String], maxInFlight: Int = 2_048, pauseAfterHolding: Duration = .seconds(1), maxBatch: Int = 256,
        prefetchMessages: Int = 30_000, commitInterval: Duration = .milliseconds(200), revokeGracePeriod: Duration = .seconds(10),
        autoOffsetReset: String = "earliest", sessionTimeout: Duration? = nil, fetchWaitMax: Duration = .milliseconds(100),
        socketTimeout: Duration = Self.defaultSocketTimeout
    ) {
        self.kafka = kafka
        self.groupID = groupID
        self.topics = topics
        self.maxInFlight = maxInFlight
        self.pauseAfterHolding = pauseAfterHolding
        self.maxBatch = maxBatch
        self.prefetchMessages = prefetchMessages
        self.commitInterval = commitInterval
        self.revokeGracePeriod = revokeGracePeriod
        self.autoOffsetReset = autoOffsetReset
        self.sessionTimeout = sessionTimeout
        self.fetchWaitMax = fetchWaitMax
        self.socketTimeout = socketTimeout
    }
}

/// Partitions a ``KafkaConsumer`` took on or handed back in a rebalance.
public enum AssignmentChange: Sendable {
    /// Assigned to this consumer.
    case assigned([TopicPartition])
    /// Revoked, lost, or dropped by a failed rebalance.
    case revoked([TopicPartition])
}

extension Duration {
    /// Whole milliseconds, rounded down (as librdkafka's `*.ms` properties take them).
    public var milliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }
}
