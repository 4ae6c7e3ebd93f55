import QuimbiCore
import QuimbiResilience

/// Retries a lookup on transient failures with jittered exponential back-off, inside a deadline that
/// holds whatever the source does: at the deadline the lookup is abandoned (and cancelled).
struct LookupRetry: Sendable {
    var policy = RetryPolicy(
        maxAttempts: .max, initialBackoff: .milliseconds(20), maximumBackoff: .milliseconds(400),
        jitter: .proportional(0.5...1.0))

    /// Outcome of a lookup that may have been cut short.
    enum Outcome<T: Sendable>: Sendable {
        case value(T)
        /// The source could not answer before the deadline; the last error.
        case unavailable(LookupError)
    }

    /// Looks up through a source: one that answers from memory (an ``ImmediateLookup``, as its caller
    /// found once) is asked once, directly; any other through ``run(until:_:)``.
    func run<T: Sendable>(
        fromMemory: Bool, until deadline: ContinuousClock.Instant, _ lookup: @escaping @Sendable () async throws -> T
    ) async -> Outcome<T> {
        guard fromMemory else { return await run(until: deadline, lookup) }
        do {
            return .value(try await lookup())
        } catch {
            return .unavailable(Self.lookupError(error))
        }
    }

    func run<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ lookup: @escaping @Sendable () async throws -> T
    ) async -> Outcome<T> {
        await retried(until: deadline) { (_: Int) async throws(LookupError) -> T in
            try await Self.attempt(until: deadline, lookup)
        }
    }

    /// The outcome of a lookup a deadline-bound source started and answered with `first` (it ends by its
    /// deadline on its own, so it was awaited directly, not raced in a task): a transient failure is retried
    /// within `deadline`, each attempt started by `again`.
    func finish<T: Sendable>(
        after first: Result<T, any Error>, until deadline: ContinuousClock.Instant,
        again: @escaping @Sendable () -> PendingLookup<T>
    ) async -> Outcome<T> {
        await retried(until: deadline) { (number: Int) async throws(LookupError) -> T in
            do {
                return number == 1 ? try first.get() : try await again().value()
            } catch {
                throw Self.lookupError(error)
            }
        }
    }

    /// `attempt` (given its number, from 1) under ``policy`` until `deadline`: its value, or its last error.
    private func retried<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ attempt: (Int) async throws(LookupError) -> T
    ) async -> Outcome<T> {
        do {
            return .value(try await policy.run(until: deadline, clock: ContinuousClock(), decide: Self.decision, attempt))
        } catch {
            return .unavailable(error)
        }
    }

    /// Whether `result` is a failure that ``finish(after:until:again:)`` would try again.
    static func isRetried<T>(_ result: Result<T, any Error>) -> Bool {
        guard case .failure(let error) = result else { return false }
        return lookupError(error).isTransient
    }

    /// Transient failures are retried, no sooner than the source's `retryAfter`.
    private static func decision(_ error: LookupError) -> RetryDecision {
        error.isTransient ? .backOffAtLeast(error.retryAfter ?? .zero) : .stop
    }

    private static func attempt<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ lookup: @escaping @Sendable () async throws -> T
    ) async throws(LookupError) -> T {
        let answer: T?
        do {
            answer = try await Deadline.run(until: deadline, lookup)
        } catch {
            throw lookupError(error)
        }
        guard let answer else {
            throw LookupError.deadlinePassed
        }
        return answer
    }

    private static func lookupError(_ error: any Error) -> LookupError {
        error as? LookupError ?? LookupError(code: "lookup_failed", message: "\(error)", isTransient: false)
    }
}
