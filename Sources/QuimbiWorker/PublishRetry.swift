/// How long the worker waits before publishing a ticket's outputs again after a retriable failure
/// (delivery timed out, brokers unreachable): exponential back-off from ``initialBackoff``, doubling
/// up to ``maximumBackoff``, each wait drawn from the upper half of its bound so that replicas
/// retrying after one outage spread out.
public struct PublishRetry: Sendable {
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// Waits out a back-off. The default sleeps; tests pass one that records the waits and returns.
    public var sleep: @Sendable (Duration) async -> Void
    /// A random number in `0..<1`, the jitter.
    public var random: @Sendable () -> Double

    public init(
        initialBackoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(5),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.sleep = sleep
        self.random = random
    }

    /// The wait after the `attempt`-th failed attempt (1 for the first failure).
    public func backoff(afterFailedAttempt attempt: Int) -> Duration {
        let bound = min(maximumBackoff, initialBackoff * (1 << min(max(attempt, 1) - 1, 30)))
        return bound * (0.5 + random() / 2)
    }
}
