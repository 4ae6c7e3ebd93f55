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
        let shot = OneShot<Value?>()
        let work = Task {
            shot.resume(with: await Result<Value?, any Error>(catching: { try await operation() }))
        }
        let timer = Task {
            guard (try? await clock.sleep(until: deadline, tolerance: nil)) != nil else { return }
            shot.resume(with: .success(nil))
        }
        defer {
            work.cancel()
            timer.cancel()
        }
        return try await shot.value()
    }

    /// ``run(until:clock:_:)`` on the continuous clock.
    public static func run<Value: Sendable>(
        until deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        try await run(until: deadline, clock: ContinuousClock(), operation)
    }
}
