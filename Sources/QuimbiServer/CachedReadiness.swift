import QuimbiMetrics
import QuimbiResilience
import Synchronization

/// A readiness check that anyone may call as often as they like without loading the dependency:
/// its answer is kept for `ttl`, concurrent callers share one probe, and a probe that has not
/// answered within `timeout` counts as not ready (the probe is cancelled).
final class CachedReadiness<C: Clock<Duration>>: ReadinessCheck {
    private struct State {
        var answer: (ready: Bool, at: C.Instant)?
        var probe: Task<Bool, Never>?
    }

    let name: String
    private let check: any ReadinessCheck
    private let ttl: Duration
    private let timeout: Duration
    private let clock: C
    private let state = Mutex(State())

    /// Wraps `check`.
    init(_ check: any ReadinessCheck, ttl: Duration, timeout: Duration, clock: C) {
        self.name = check.name
        self.check = check
        self.ttl = ttl
        self.timeout = timeout
        self.clock = clock
    }

    func isReady() async -> Bool {
        let now = clock.now
        let cached: Bool? = state.withLock { state in
            guard let answer = state.answer, answer.at.duration(to: now) < ttl else { return nil }
            return answer.ready
        }
        if let cached { return cached }
        let probe: Task<Bool, Never> = state.withLock { state in
            if let probe = state.probe { return probe }
            let probe = Task { [self] in await self.probe(until: now.advanced(by: timeout)) }
            state.probe = probe
            return probe
        }
        return await probe.value
    }

    private func probe(until deadline: C.Instant) async -> Bool {
        let check = self.check
        let ready = (try? await Deadline.run(until: deadline, clock: clock) { await check.isReady() }) ?? false
        let answeredAt = clock.now
        state.withLock { state in
            state.answer = (ready, answeredAt)
            state.probe = nil
        }
        return ready
    }
}
