import QuimbiResilience
import QuimbiResilienceTesting
import Synchronization
import Testing

@Suite struct RetryPolicyTests {
    struct Failure: Error, Equatable {
        var permanent = false
        var retryAfter: Duration?
    }

    static func policy(
        attempts: Int = 10, jitter: Jitter = .none, random: Double = 0.5, maximum: Duration = .milliseconds(300)
    ) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: attempts, initialBackoff: .milliseconds(50), maximumBackoff: maximum, jitter: jitter,
            random: RandomSource { random })
    }

    static func decide(_ failure: Failure) -> RetryDecision {
        if failure.permanent { return .stop }
        return failure.retryAfter.map { .backOffAtLeast($0) } ?? .backOff
    }

    @Test func backOffDoublesUpToItsMaximum() {
        let policy = Self.policy()
        #expect((1...5).map(policy.backoff(afterFailures:)) == [50, 100, 200, 300, 300].map { .milliseconds($0) })
    }

    @Test func jitterComesFromTheInjectedSource() {
        #expect(Self.policy(jitter: .proportional(0.5...1.0), random: 0.5).backoff(afterFailures: 2) == .milliseconds(75))
        #expect(Self.policy(jitter: .full, random: 0.25).backoff(afterFailures: 3) == .milliseconds(50))
        #expect(Self.policy(jitter: .proportional(0.8...1.2), random: 0).backoff(afterFailures: 1) == .milliseconds(40))
    }

    @Test func decisionsSetTheWait() {
        let policy = Self.policy(attempts: 3)
        #expect(policy.wait(for: .stop, afterFailures: 1) == nil)
        #expect(policy.wait(for: .wait(.seconds(2)), afterFailures: 1) == .seconds(2))
        #expect(policy.wait(for: .backOffAtLeast(.seconds(1)), afterFailures: 1) == .seconds(1))
        #expect(policy.wait(for: .backOffAtLeast(.milliseconds(10)), afterFailures: 2) == .milliseconds(100))
        #expect(policy.wait(for: .backOff, afterFailures: 3) == nil, "attempts spent")
    }

    @Test func retriesTransientFailuresAfterTheBackOff() async throws {
        let clock = ManualClock()
        let attempts = Mutex<[Duration]>([])
        let start = clock.now
        let run = Task {
            try await Self.policy().run(until: start.advanced(by: .seconds(5)), clock: clock, decide: Self.decide) { (number: Int) throws(Failure) -> Int in
                attempts.withLock { $0.append(start.duration(to: clock.now)) }
                if number < 3 { throw Failure() }
                return number
            }
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(50))
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(100))
        #expect(try await run.value == 3)
        #expect(attempts.withLock { $0 } == [.zero, .milliseconds(50), .milliseconds(150)])
    }

    @Test func aPermanentFailureIsNotRetried() async {
        let clock = ManualClock()
        let count = Mutex(0)
        await #expect(throws: Failure(permanent: true)) {
            try await Self.policy().run(until: clock.now.advanced(by: .seconds(5)), clock: clock, decide: Self.decide) { (_: Int) throws(Failure) -> Int in
                count.withLock { $0 += 1 }
                throw Failure(permanent: true)
            }
        }
        #expect(count.withLock { $0 } == 1)
    }

    @Test func stopsWhenTheAttemptsAreSpent() async {
        let clock = ManualClock()
        let count = Mutex(0)
        await #expect(throws: Failure()) {
            try await Self.policy(attempts: 3).run(until: clock.now.advanced(by: .seconds(5)), clock: clock, decide: { _ in .wait(.zero) }) { (_: Int) throws(Failure) -> Int in
                count.withLock { $0 += 1 }
                throw Failure()
            }
        }
        #expect(count.withLock { $0 } == 3)
    }

    @Test func noAttemptStartsAtOrAfterTheDeadline() async {
        let clock = ManualClock()
        let count = Mutex(0)
        // A Retry-After of 2 s ends past the 1 s deadline: give up now, without sleeping.
        await #expect(throws: Failure(retryAfter: .seconds(2))) {
            try await Self.policy().run(until: clock.now.advanced(by: .seconds(1)), clock: clock, decide: Self.decide) { (_: Int) throws(Failure) -> Int in
                count.withLock { $0 += 1 }
                throw Failure(retryAfter: .seconds(2))
            }
        }
        #expect(count.withLock { $0 } == 1)
        #expect(clock.now.offset == .zero)
    }

    @Test func cancellationWhileWaitingEndsWithTheLastFailure() async {
        let clock = ManualClock()
        let run = Task {
            try await Self.policy().run(until: clock.now.advanced(by: .seconds(5)), clock: clock, decide: Self.decide) { (_: Int) throws(Failure) -> Int in
                throw Failure(retryAfter: .seconds(1))
            }
        }
        await clock.waitForSleepers(1)
        run.cancel()
        await #expect(throws: Failure(retryAfter: .seconds(1))) { try await run.value }
    }
}
