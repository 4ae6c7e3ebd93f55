import QuimbiCore
import Synchronization

/// Why the worker stopped on its own, with a stable code. The worker's `run` throws it, so the
/// process exits non-zero and the orchestrator restarts it.
public struct WorkerFailure: QuimbiError, Equatable {
    public enum Code: String, Sendable {
        /// The producer raised a fatal error (for example a fatal idempotence error): it delivers
        /// nothing any more, and only a new process gets a new one.
        case producerFatal = "worker_producer_fatal"
        /// A ticket could neither be published nor dead-lettered.
        case deadLetterFailed = "worker_dead_letter_failed"
    }

    public var reason: Code
    public var message: String
    public var code: String { reason.rawValue }

    public init(_ reason: Code, _ message: String) {
        self.reason = reason
        self.message = message
    }
}

/// Whether the worker can still do its job, for `/readyz`: not once a failure began stopping it.
public final class WorkerStatus: Sendable {
    private let stoppedBy = Mutex<WorkerFailure?>(nil)

    public init() {}

    /// The failure that is stopping (or stopped) the worker, if any.
    public var failure: WorkerFailure? { stoppedBy.withLock { $0 } }

    /// Records the first failure; returns whether this was it.
    @discardableResult
    func fail(_ failure: WorkerFailure) -> Bool {
        stoppedBy.withLock { current in
            guard current == nil else { return false }
            current = failure
            return true
        }
    }
}
