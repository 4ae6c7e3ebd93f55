import QuimbiKafka
import Synchronization

/// How a running worker is asked to stop — the graceful shutdown, or a failure it cannot work
/// past — and since when; shared by the run loop, the shutdown handler and the ticket tasks.
final class WorkerStop: Sendable {
    /// Set when the stop was first requested.
    let requested = OneShotSignal()
    private let startedAt = Mutex<ContinuousClock.Instant?>(nil)
    private let consumer: KafkaConsumer
    private let status: WorkerStatus

    init(consumer: KafkaConsumer, status: WorkerStatus) {
        self.consumer = consumer
        self.status = status
    }

    /// Stops fetching and starts the bounded drain (the first call counts).
    func request() {
        startedAt.withLock { $0 = $0 ?? ContinuousClock.now }
        consumer.stopFetching()
        requested.signal()
    }

    /// Records `failure` (the worker is no longer ready) and stops as ``request()`` does.
    func fail(_ failure: WorkerFailure) {
        status.fail(failure)
        request()
    }

    /// What is left of `bound` since the stop began (all of it when it has not begun).
    func remaining(of bound: Duration) -> Duration {
        let now = ContinuousClock.now
        return startedAt.withLock { started in started.map { max(.zero, bound - (now - $0)) } ?? bound }
    }
}
