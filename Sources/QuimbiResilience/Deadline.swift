/// Runs async work against an absolute deadline, and returns at that deadline whatever the work does.
///
/// The work runs in its own unstructured task, so a dependency that ignores cancellation (a blocked
/// C call, a hung socket) cannot hold the caller past the deadline: at the deadline the work's task
/// is cancelled and the caller gets `nil` at once; the work finishes (or not) on its own.
public enum Deadline {
    /// The value of `operation`, or `nil` when `deadline` on `clock` passes first.
    ///
    /// - Throws: what `operation` throws before the deadline, or `CancellationError` when the calling
    ///   task is cancelled first (the operation is cancelled too).
    public static func run<Value: Sendable, C: Clock>(
        until deadline: C.Instant, clock: C, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        guard clock.now < deadline else { return nil }
        return try await race(operation) { shot in
            let timer = Task {
                guard (try? await clock.sleep(until: deadline, tolerance: nil)) != nil else { return }
                shot.resume(with: .success(nil))
            }
            return { timer.cancel() }
        }
    }

    /// ``run(until:clock:_:)`` on the continuous clock, the deadline armed on ``DeadlineTimer/shared``
    /// (it may fire up to its coalescing interval late) rather than in a sleeping task per call.
    public static func run<Value: Sendable>(
        until deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        guard ContinuousClock.now < deadline else { return nil }
        return try await race(operation) { shot in
            DeadlineTimer.shared.schedule(at: deadline) {
                guard !shot.isResolved else { return }
                // Resolved from the task pool, queued behind the work: when the process itself is
                // starved of CPU the deadline waits as the work does, and does not fail a lookup that
                // never got to run; a dependency that hangs is cut off on time.
                Task { shot.resume(with: .success(nil)) }
            }
            return {}
        }
    }

    /// Runs `operation` in its own task against the timer `arm` sets up on the shared one-shot (it
    /// returns how to disarm the timer); whichever resolves the one-shot first wins.
    private static func race<Value: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Value, arm: (OneShot<Value?>) -> @Sendable () -> Void
    ) async throws -> Value? {
        let shot = OneShot<Value?>()
        let work = Task {
            shot.resume(with: await Result<Value?, any Error>(catching: { try await operation() }))
        }
        let disarm = arm(shot)
        defer {
            work.cancel()
            disarm()
        }
        return try await shot.value()
    }
}
