import QuimbiCore

/// Fails lookups fast while Shopify is down or rejects the token.
///
/// Closed: calls pass; `threshold` consecutive failed lookups open it. Open: every call fails at once
/// with `orders_unavailable` (or `shopify_unauthorized` when a 401/403 opened it) until `cooldown`
/// has passed. Half-open: exactly one probe passes; its success closes the breaker, its failure
/// opens it again.
actor CircuitBreaker {
    private enum State {
        case closed(consecutiveFailures: Int)
        case open(until: ContinuousClock.Instant, cause: LookupError)
        case halfOpen(probing: Bool, cause: LookupError)
    }

    private let threshold: Int
    private let cooldown: Duration
    private var state: State = .closed(consecutiveFailures: 0)

    init(threshold: Int, cooldown: Duration) {
        self.threshold = threshold
        self.cooldown = cooldown
    }

    /// Lets a call through, or throws the fast failure of an open breaker.
    func admit() throws(LookupError) {
        switch state {
        case .closed:
            return
        case .open(let until, let cause):
            let now = ContinuousClock.Instant.now
            guard now >= until else { throw fastFailure(cause, retryAfter: now.duration(to: until)) }
            state = .halfOpen(probing: true, cause: cause)
        case .halfOpen(let probing, let cause):
            guard !probing else { throw fastFailure(cause, retryAfter: nil) }
            state = .halfOpen(probing: true, cause: cause)
        }
    }

    /// The admitted call got an answer from a working Shopify.
    func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
    }

    /// The admitted call failed in a way that suggests an outage.
    func recordFailure(_ error: LookupError) {
        switch state {
        case .closed(let failures) where failures + 1 < threshold:
            state = .closed(consecutiveFailures: failures + 1)
        case .closed, .halfOpen, .open:
            state = .open(until: .now + cooldown, cause: error)
        }
    }

    /// Shopify rejected the credentials: open at once so that no call repeats the request.
    func recordUnauthorized(_ error: LookupError) {
        state = .open(until: .now + cooldown, cause: error)
    }

    /// The admitted call ended without an answer (cancelled): let another call probe.
    func abandon() {
        if case .halfOpen(true, let cause) = state {
            state = .halfOpen(probing: false, cause: cause)
        }
    }

    /// Whether calls currently fail fast.
    var isOpen: Bool {
        switch state {
        case .closed: false
        case .open, .halfOpen: true
        }
    }

    private func fastFailure(_ cause: LookupError, retryAfter: Duration?) -> LookupError {
        if cause.code == "shopify_unauthorized" { return cause }
        return .ordersUnavailable(
            "Shopify circuit breaker is open after repeated failures (last: \(cause.code): \(cause.message))",
            retryAfter: retryAfter)
    }
}
