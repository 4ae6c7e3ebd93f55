import Foundation
import QuimbiResilience

/// Starts blocking work (librdkafka polling, flushing, closing) on its own OS thread, away from
/// Swift's cooperative thread pool.
enum DedicatedThread {
    /// Runs `body` on a new thread named `name`; the returned signal is set when `body` returns.
    @discardableResult
    static func run(name: String, _ body: @escaping @Sendable () -> Void) -> OneShotSignal {
        let done = OneShotSignal()
        NamedThread.start(name: name) {
            body()
            done.signal()
        }
        return done
    }
}
