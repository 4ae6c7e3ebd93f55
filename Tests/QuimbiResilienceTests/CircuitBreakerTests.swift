import QuimbiResilience
import QuimbiResilienceTesting
import Testing

@Suite struct CircuitBreakerTests {
    struct Outage: Error, Equatable { var id = 0 }

    static func breaker(threshold: Int = 2, cooldown: Duration = .seconds(1), maximum: Duration? = nil)
        -> (CircuitBreaker<ManualClock>, ManualClock)
    {
        let clock = ManualClock()
        let settings = CircuitBreakerSettings(failureThreshold: threshold, cooldown: cooldown, maximumCooldown: maximum)
        return (CircuitBreaker(settings, clock: clock), clock)
    }

    static func isAllowed(_ admission: CircuitAdmission) -> Bool {
        if case .allowed = admission { return true }
        return false
    }

    static func isProbe(_ admission: CircuitAdmission) -> Bool {
        if case .probe = admission { return true }
        return false
    }

    static func rejection(_ admission: CircuitAdmission) -> (retryAfter: Duration?, cause: Outage?)? {
        if case .rejected(let retryAfter, let cause) = admission { return (retryAfter, cause as? Outage) }
        return nil
    }

    @Test func opensAfterTheThresholdOfFailuresInARow() {
        let (breaker, _) = Self.breaker(threshold: 3)
        #expect(breaker.recordFailure(Outage()) == nil)
        #expect(breaker.recordSuccess() == nil)
        #expect(breaker.recordFailure(Outage()) == nil)
        #expect(breaker.recordFailure(Outage()) == nil)
        #expect(breaker.state == .closed, "the success reset the count")
        #expect(breaker.recordFailure(Outage(id: 3)) == .opened)
        #expect(breaker.state == .open)
        let rejection = Self.rejection(breaker.admit())
        #expect(rejection?.retryAfter == .seconds(1))
        #expect(rejection?.cause == Outage(id: 3))
    }

    @Test func afterTheCooldownOneProbePassesAndItsSuccessCloses() {
        let (breaker, clock) = Self.breaker(threshold: 1)
        breaker.recordFailure(Outage())
        clock.advance(by: .milliseconds(600))
        #expect(Self.rejection(breaker.admit())?.retryAfter == .milliseconds(400))
        clock.advance(by: .milliseconds(400))
        #expect(breaker.state == .halfOpen)
        #expect(Self.isProbe(breaker.admit()))
        #expect(Self.rejection(breaker.admit()) != nil, "one probe at a time")
        #expect(breaker.recordSuccess() == .closed)
        #expect(Self.isAllowed(breaker.admit()))
    }

    @Test func aFailedProbeReopensWithADoubledCooldownUpToItsMaximum() {
        let (breaker, clock) = Self.breaker(threshold: 1, cooldown: .seconds(1), maximum: .seconds(3))
        breaker.recordFailure(Outage())
        var cooldowns: [Duration?] = []
        for _ in 0..<3 {
            clock.advance(by: .seconds(5))
            #expect(Self.isProbe(breaker.admit()))
            breaker.recordFailure(Outage())
            cooldowns.append(Self.rejection(breaker.admit())?.retryAfter)
        }
        #expect(cooldowns == [.seconds(2), .seconds(3), .seconds(3)])
        clock.advance(by: .seconds(3))
        #expect(Self.isProbe(breaker.admit()))
        breaker.recordSuccess()
        breaker.recordFailure(Outage())
        #expect(Self.rejection(breaker.admit())?.retryAfter == .seconds(1), "a success resets the cool-down")
    }

    @Test func anAbandonedProbeLetsAnotherCallProbe() {
        let (breaker, clock) = Self.breaker(threshold: 1)
        breaker.recordFailure(Outage())
        clock.advance(by: .seconds(1))
        #expect(Self.isProbe(breaker.admit()))
        breaker.abandon()
        #expect(Self.isProbe(breaker.admit()))
    }

    @Test func aProbeSilentForACooldownIsPresumedLost() {
        let (breaker, clock) = Self.breaker(threshold: 1)
        breaker.recordFailure(Outage())
        clock.advance(by: .seconds(1))
        #expect(Self.isProbe(breaker.admit()))
        clock.advance(by: .milliseconds(999))
        #expect(Self.rejection(breaker.admit()) != nil)
        clock.advance(by: .milliseconds(1))
        #expect(Self.isProbe(breaker.admit()))
    }

    @Test func tripOpensAtOnce() {
        let (breaker, _) = Self.breaker(threshold: 5)
        #expect(breaker.trip(Outage(id: 9)) == .opened)
        #expect(Self.rejection(breaker.admit())?.cause == Outage(id: 9))
        #expect(breaker.trip(Outage()) == nil, "already open")
    }
}
