import Synchronization

/// A result delivered at most once to one waiting task: the first ``resume(with:)`` wins, later ones
/// are ignored. Delivery may come from any thread (a timer, a C library's thread, a cancellation
/// handler), before or after the task starts waiting.
///
/// Its members are inlinable: a one-shot per lookup is on the worker's hot path, and unspecialized generic
/// code across modules looked up `OneShot<Value>`'s metadata at run time on every call (about 4 µs a
/// ticket over PostgreSQL and Redis).
public final class OneShot<Value: Sendable>: Sendable {
    @usableFromInline
    enum State {
        case pending(CheckedContinuation<Value, any Error>?)
        case delivered(Result<Value, any Error>)
        case consumed
    }

    @usableFromInline
    let state = Mutex(State.pending(nil))

    /// An undelivered one-shot.
    @inlinable
    public init() {}

    /// Delivers `result` unless a result was delivered before; returns whether this call delivered it.
    @inlinable @discardableResult
    public func resume(with result: Result<Value, any Error>) -> Bool {
        let delivery: CheckedContinuation<Value, any Error>?? = state.withLock { state in
            guard case .pending(let waiting) = state else { return .none }
            state = waiting == nil ? .delivered(result) : .consumed
            return .some(waiting)
        }
        guard let delivery else { return false }
        delivery?.resume(with: result)
        return true
    }

    /// Whether a result has been delivered.
    @inlinable
    public var isResolved: Bool {
        state.withLock { state in
            if case .pending = state { return false }
            return true
        }
    }

    /// Waits for the delivered value (once: call this from one task only).
    ///
    /// Unlike a bare continuation this honours cancellation: when the waiting task is cancelled
    /// before a delivery, it resumes at once with `CancellationError` and `onCancel` runs (to stop
    /// the work that would have delivered), whatever that work does afterwards.
    @inlinable
    public func value(onCancel: @Sendable () -> Void = {}) async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                install(continuation)
            }
        } onCancel: {
            if resume(with: .failure(CancellationError())) { onCancel() }
        }
    }

    /// Waits for the delivered result whether or not the waiting task is cancelled (once: call this from
    /// one task only), for callers that see to a delivery on cancellation themselves.
    @inlinable
    public func result() async -> Result<Value, any Error> {
        do {
            return .success(try await withCheckedThrowingContinuation { continuation in install(continuation) })
        } catch {
            return .failure(error)
        }
    }

    @inlinable
    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let early: Result<Value, any Error>? = state.withLock { state in
            guard case .delivered(let result) = state else {
                state = .pending(continuation)
                return nil
            }
            state = .consumed
            return result
        }
        if let early { continuation.resume(with: early) }
    }
}
