import Foundation

/// Fires actions at instants of the continuous clock from one dedicated thread: arming a deadline
/// costs a heap insertion instead of a sleeping task and a dispatch timer each (the worker arms deadlines
/// for thousands of tickets a second: one per lookup it races against a source, one per batch of store lookups).
///
/// Actions fire no earlier than their instant and at most ``coalescing`` later, so that one wake-up
/// serves every deadline that falls within it. An action must return quickly (resume a waiter).
public final class DeadlineTimer: @unchecked Sendable {
    /// The process's timer.
    public static let shared = DeadlineTimer(coalescing: .milliseconds(2))

    /// How late an action may fire, to be served with others by one wake-up.
    public let coalescing: Duration
    private let condition = NSCondition()
    private var queue = DueQueue<ContinuousClock.Instant, @Sendable () -> Void>()

    /// A timer with its own thread, which runs as long as the process.
    public init(coalescing: Duration) {
        self.coalescing = coalescing
        NamedThread.start(name: "deadlines") { [self] in run() }
    }

    /// Runs `action` on the timer's thread once `instant` has passed.
    public func schedule(at instant: ContinuousClock.Instant, _ action: @escaping @Sendable () -> Void) {
        condition.lock()
        if queue.insert(action, at: instant) { condition.signal() }
        condition.unlock()
    }

    private func run() -> Never {
        while true {
            condition.lock()
            let now = ContinuousClock.now
            let due = queue.popDue(at: now)
            if due.isEmpty {
                if let earliest = queue.earliest {
                    let wait = earliest - now + coalescing
                    _ = condition.wait(until: Date(timeIntervalSinceNow: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18))
                } else {
                    condition.wait()
                }
            }
            condition.unlock()
            for action in due { action() }
        }
    }
}
