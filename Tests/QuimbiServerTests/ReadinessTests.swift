import Hummingbird
import HummingbirdTesting
import QuimbiMetrics
import QuimbiResilienceTesting
import Synchronization
import Testing
@testable import QuimbiServer

/// `/readyz` needs no key: its probes of the stores must be cached and bounded.
@Suite struct ReadinessTests {
    /// Counts its probes; each waits for `hold` (cancellably) before answering ready.
    final class CountingCheck: ReadinessCheck {
        let name = "store"
        let hold: Duration
        private let probes = Mutex(0)
        init(hold: Duration = .zero) { self.hold = hold }
        var count: Int { probes.withLock { $0 } }

        func isReady() async -> Bool {
            probes.withLock { $0 += 1 }
            guard hold > .zero else { return true }
            return (try? await Task.sleep(for: hold)) != nil
        }
    }

    @Test("repeated /readyz requests probe the stores once per TTL")
    func cachedOverHTTP() async throws {
        let check = CountingCheck()
        var fixture = APIFixture()
        fixture.readiness = [check]
        fixture.readinessTTL = .seconds(600)
        try await fixture.live { client in
            for _ in 0..<3 {
                let answer = try await client.execute(uri: "/readyz", method: .get)
                #expect(answer.status == .ok)
            }
        }
        #expect(check.count == 1)
    }

    @Test("a /readyz probe that hangs answers 503 at its timeout")
    func boundedOverHTTP() async throws {
        let check = CountingCheck(hold: .seconds(10))
        var fixture = APIFixture()
        fixture.readiness = [check]
        fixture.readinessTimeout = .milliseconds(100)
        try await fixture.live { client in
            let answer = try await client.execute(uri: "/readyz", method: .get)
            #expect(answer.status == .serviceUnavailable)
        }
    }

    @Test("the answer is reused until the TTL passes on the injected clock")
    func ttlOnTheClock() async {
        let clock = ManualClock()
        let check = CountingCheck()
        let cached = CachedReadiness(check, ttl: .seconds(1), timeout: .seconds(1), clock: clock)
        #expect(await cached.isReady())
        clock.advance(by: .milliseconds(999))
        #expect(await cached.isReady())
        #expect(check.count == 1)
        clock.advance(by: .milliseconds(1))
        #expect(await cached.isReady())
        #expect(check.count == 2)
    }

    @Test("concurrent callers share one probe, which ends not-ready at the timeout")
    func sharedAndBounded() async {
        let clock = ManualClock()
        let check = CountingCheck(hold: .seconds(3_600))
        let cached = CachedReadiness(check, ttl: .seconds(1), timeout: .milliseconds(500), clock: clock)
        async let first = cached.isReady()
        async let second = cached.isReady()
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(500))
        #expect(await [first, second] == [false, false])
        #expect(check.count == 1)
    }
}
