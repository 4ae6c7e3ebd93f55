import QuimbiKafka
import QuimbiResilience

/// Settings of a ``DecisionRecorder``.
public struct DecisionRecorderConfiguration: Sendable {
    /// The consumer group on the drafts topic.
    public var consumer: ConsumerConfiguration
    /// Back-off between attempts to write a batch while PostgreSQL is unreachable.
    public var retry: RetryPolicy
    /// Waits out a back-off; tests pass one that does not sleep.
    public var backoffSleep: @Sendable (Duration) async -> Void

    public init(
        consumer: ConsumerConfiguration, retry: RetryPolicy = .untilStopped,
        backoffSleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.consumer = consumer
        self.retry = retry
        self.backoffSleep = backoffSleep
    }
}

/// What a ``DecisionRecorder`` has done so far.
public struct DecisionRecorderCounts: Sendable, Equatable {
    /// Decisions written (or found already written).
    public var decisions = 0
    /// Records that were not draft-response events, passed.
    public var undecodable = 0
    /// Decisions PostgreSQL refused for good, passed.
    public var unrecordable = 0
    /// Write attempts that failed and were retried.
    public var failedWrites = 0
}
