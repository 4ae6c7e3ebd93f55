import NIOConcurrencyHelpers

/// Stops calling an LLM endpoint that keeps failing, so that a down or overloaded endpoint costs
/// each ticket nothing instead of its whole deadline: after `threshold` failures in a row the
/// circuit opens for `cooldown`; then a single ticket probes the endpoint, and its success closes it.
final class LLMCircuitBreaker: Sendable {
    private struct State {
        var consecutiveFailures = 0
        var openUntil: ContinuousClock.Instant?
        var probing = false
    }

    private let threshold: Int
    private let cooldown: Duration
    private let state = NIOLockedValueBox(State())

    init(threshold: Int, cooldown: Duration) {
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
    }

    /// Whether a ticket may call the endpoint now.
    func allowsCall(at now: ContinuousClock.Instant = .now) -> Bool {
        state.withLockedValue { state in
            guard let openUntil = state.openUntil else { return true }
            guard now >= openUntil, !state.probing else { return false }
            state.probing = true
            return true
        }
    }

    /// Records the outcome of a call that ``allowsCall(at:)`` allowed.
    func record(success: Bool, at now: ContinuousClock.Instant = .now) {
        state.withLockedValue { state in
            state.probing = false
            if success {
                state = State()
                return
            }
            state.consecutiveFailures += 1
            if state.consecutiveFailures >= threshold { state.openUntil = now + cooldown }
        }
    }
}
