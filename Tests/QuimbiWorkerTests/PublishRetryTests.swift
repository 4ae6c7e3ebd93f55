import QuimbiWorker
import Testing

/// The worker's publish back-off, computed without waiting.
@Suite struct PublishRetryTests {
    private func retry(random: Double) -> PublishRetry {
        PublishRetry(initialBackoff: .milliseconds(100), maximumBackoff: .seconds(5), sleep: { _ in }, random: { random })
    }

    @Test func doublesFromTheInitialBackOffUpToTheMaximum() {
        let upper = retry(random: 1)
        #expect((1...8).map { upper.backoff(afterFailedAttempt: $0) } == [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000].map { Duration.milliseconds($0) })
        #expect(upper.backoff(afterFailedAttempt: 1_000) == .seconds(5), "no overflow after many attempts")
    }

    @Test func eachWaitIsDrawnFromTheUpperHalfOfItsBound() {
        #expect(retry(random: 0).backoff(afterFailedAttempt: 3) == .milliseconds(200))
        #expect(retry(random: 0.5).backoff(afterFailedAttempt: 3) == .milliseconds(300))
        #expect(retry(random: 0).backoff(afterFailedAttempt: 0) == .milliseconds(50), "a first attempt however counted")
    }
}
