import QuimbiResilience
import QuimbiResilienceTesting
import Testing

@Suite struct DeadlineTests {
    struct Refused: Error, Equatable {}

    @Test func theOperationsValueBeforeTheDeadline() async throws {
        let clock = ManualClock()
        let value = try await Deadline.run(until: clock.now.advanced(by: .seconds(1)), clock: clock) { 42 }
        #expect(value == 42)
    }

    @Test func theOperationsErrorBeforeTheDeadline() async throws {
        let clock = ManualClock()
        await #expect(throws: Refused()) {
            _ = try await Deadline.run(until: clock.now.advanced(by: .seconds(1)), clock: clock) { () async throws -> Int in throw Refused() }
        }
    }

    @Test func returnsAtTheDeadlineWhileTheOperationIgnoresCancellation() async throws {
        let clock = ManualClock()
        let gate = Gate()
        let (cancellation, report) = AsyncStream.makeStream(of: Bool.self)
        let race = Task {
            try await Deadline.run(until: clock.now.advanced(by: .milliseconds(500)), clock: clock) { () async -> Int in
                await gate.wait()
                report.yield(Task.isCancelled)
                return 1
            }
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(499))
        #expect(clock.sleeperCount() == 1, "not yet at the deadline")
        clock.advance(by: .milliseconds(1))
        let value = try await race.value
        #expect(value == nil)
        gate.open()
        // The abandoned operation was told to stop: it sees cancellation once it runs again.
        var observed = cancellation.makeAsyncIterator()
        #expect(await observed.next() == true)
    }

    @Test func aCancelledCallerReturnsAtOnceWhileTheOperationIgnoresCancellation() async throws {
        let clock = ManualClock()
        let gate = Gate()
        let race = Task {
            try await Deadline.run(until: clock.now.advanced(by: .seconds(10)), clock: clock) { () async -> Int in
                await gate.wait()
                return 1
            }
        }
        await clock.waitForSleepers(1)
        race.cancel()
        await #expect(throws: CancellationError.self) { _ = try await race.value }
        #expect(clock.sleeperCount() == 0, "the timer was cancelled too")
        gate.open()
    }

    @Test func aPassedDeadlineDoesNotStartTheOperation() async throws {
        let clock = ManualClock()
        let started = Counter()
        let deadline = clock.now
        clock.advance(by: .milliseconds(1))
        let value = try await Deadline.run(until: deadline, clock: clock) { started.increment(); return 1 }
        #expect(value == nil)
        #expect(started.count == 0)
    }
}
