import Foundation

/// Opens after a failure and stays open for an exponentially growing delay; thread-safe.
final class CircuitBreaker: @unchecked Sendable {
    private let lock = NSLock()
    private let backoff: ClosedRange<Duration>
    private var delay: Duration
    private var openUntil: ContinuousClock.Instant?
    private var isOpen = false

    init(backoff: ClosedRange<Duration>) {
        self.backoff = backoff
        self.delay = backoff.lowerBound
    }

    /// Whether a call may try the remote now (closed, or open with its delay elapsed: a probe).
    func allowsAttempt() -> Bool {
        lock.withLock {
            guard let until = openUntil else { return true }
            if ContinuousClock.now < until { return false }
            openUntil = ContinuousClock.now + delay
            return true
        }
    }

    /// Records a success; returns `true` when this closed an open breaker.
    func recordSuccess() -> Bool {
        lock.withLock {
            defer { isOpen = false; openUntil = nil; delay = backoff.lowerBound }
            return isOpen
        }
    }

    /// Records a failure; returns `true` when this opened a closed breaker.
    func recordFailure() -> Bool {
        lock.withLock {
            let wasOpen = isOpen
            if wasOpen { delay = min(delay * 2, backoff.upperBound) }
            isOpen = true
            openUntil = ContinuousClock.now + delay
            return !wasOpen
        }
    }
}
