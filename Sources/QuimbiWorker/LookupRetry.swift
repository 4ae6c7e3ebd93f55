import QuimbiCore

/// Retries a lookup on transient failures with jittered exponential back-off, inside a deadline.
struct LookupRetry: Sendable {
    /// First back-off; doubles per attempt up to ``maximumBackoff``.
    var initialBackoff: Duration = .milliseconds(20)
    var maximumBackoff: Duration = .milliseconds(400)

    /// Outcome of a lookup that may have been cut short.
    enum Outcome<T: Sendable>: Sendable {
        case value(T)
        /// The source could not answer before the deadline; the last error, if any.
        case unavailable(LookupError?)
    }

    func run<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ lookup: @escaping @Sendable () async throws -> T
    ) async -> Outcome<T> {
        var backoff = initialBackoff
        var lastError: LookupError?
        while ContinuousClock.now < deadline, !Task.isCancelled {
            do {
                guard let value = try await Deadline.run(until: deadline, lookup) else { return .unavailable(lastError) }
                return .value(value)
            } catch let error as LookupError {
                lastError = error
                guard error.isTransient else { return .unavailable(error) }
                let wait = max(error.retryAfter ?? .zero, jittered(backoff))
                guard ContinuousClock.now + wait < deadline else { return .unavailable(error) }
                try? await Task.sleep(for: wait)
                backoff = min(backoff * 2, maximumBackoff)
            } catch {
                return .unavailable(LookupError(code: "lookup_failed", message: "\(error)", isTransient: false))
            }
        }
        return .unavailable(lastError)
    }

    private func jittered(_ duration: Duration) -> Duration {
        duration * Double.random(in: 0.5...1.0)
    }
}
