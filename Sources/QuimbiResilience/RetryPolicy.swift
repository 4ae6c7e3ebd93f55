/// What a failed attempt calls for, decided by the caller from the failure.
public enum RetryDecision: Sendable, Equatable {
    /// The failure is permanent: no further attempt.
    case stop
    /// Another attempt after the policy's jittered exponential back-off.
    case backOff
    /// Another attempt after the back-off, but not before `minimum` (a server's `Retry-After`).
    case backOffAtLeast(Duration)
    /// Another attempt after exactly this wait (a server's `Retry-After`, or zero to retry at once).
    case wait(Duration)
}

/// Attempts, jittered exponential back-off and a deadline: when and whether to try again.
///
/// The wait after the n-th failed attempt is `initialBackoff × 2^(n−1)`, capped at `maximumBackoff`,
/// then jittered. An attempt that could only start at or after the deadline is not made.
public struct RetryPolicy: Sendable {
    /// Attempts in all, counting the first (at least 1).
    public var maxAttempts: Int
    /// Back-off after the first failure.
    public var initialBackoff: Duration
    /// Largest back-off before jitter.
    public var maximumBackoff: Duration
    /// How the back-off is randomised.
    public var jitter: Jitter
    /// The random numbers behind the jitter.
    public var random: RandomSource

    /// Tries for as long as the caller runs: 100 ms doubling to 5 s, each wait drawn from the upper half
    /// of its bound so that replicas retrying after one outage spread out. For work that must not be
    /// dropped while a dependency is down (publishing a ticket's outputs, recording decisions).
    public static let untilStopped = RetryPolicy(
        maxAttempts: .max, initialBackoff: .milliseconds(100), maximumBackoff: .seconds(5), jitter: .proportional(0.5...1.0))

    /// A policy; `maximumBackoff` defaults to 1024 × `initialBackoff`.
    public init(
        maxAttempts: Int, initialBackoff: Duration, maximumBackoff: Duration? = nil, jitter: Jitter,
        random: RandomSource = .system
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = max(.zero, initialBackoff)
        self.maximumBackoff = maximumBackoff ?? self.initialBackoff * 1024
        self.jitter = jitter
        self.random = random
    }

    /// The wait after `failures` failed attempts (1 for the first), jittered.
    public func backoff(afterFailures failures: Int) -> Duration {
        var ceiling = initialBackoff
        for _ in 1..<max(1, min(failures, 64)) where ceiling < maximumBackoff {
            ceiling = ceiling * 2
        }
        return jitter.apply(to: min(ceiling, maximumBackoff), random: random)
    }

    /// The wait `decision` asks for after `failures` failed attempts, or `nil` for no further attempt.
    public func wait(for decision: RetryDecision, afterFailures failures: Int) -> Duration? {
        guard failures < maxAttempts else { return nil }
        switch decision {
        case .stop: return nil
        case .backOff: return backoff(afterFailures: failures)
        case .backOffAtLeast(let minimum): return max(minimum, backoff(afterFailures: failures))
        case .wait(let exactly): return max(.zero, exactly)
        }
    }

    /// Runs `attempt` (given its number, from 1) until it succeeds or no further attempt is due:
    /// the decision is `.stop`, the attempts are spent, the next attempt would start at or after
    /// `deadline`, or the task is cancelled (also while waiting). Then the last failure is thrown.
    public func run<Value, Failure: Error, C: Clock<Duration>>(
        until deadline: C.Instant, clock: C, decide: (Failure) -> RetryDecision,
        _ attempt: (_ number: Int) async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        var number = 1
        while true {
            let failure: Failure
            do throws(Failure) {
                return try await attempt(number)
            } catch {
                failure = error
            }
            guard !Task.isCancelled, let wait = wait(for: decide(failure), afterFailures: number) else { throw failure }
            let resume = clock.now.advanced(by: wait)
            guard resume < deadline else { throw failure }
            do { try await clock.sleep(until: resume, tolerance: nil) } catch { throw failure }
            number += 1
        }
    }
}
