import Foundation
import QuimbiResilience
import Synchronization
import Testing

@Suite struct DeadlineTimerTests {
    @Test func theQueueHandsOutWhatIsDueEarliestFirstAndKeepsTheRest() {
        var queue = DueQueue<Int, String>()
        var generator = SystemRandomNumberGenerator()
        let instants = (0..<200).map { _ in Int.random(in: 0..<1_000, using: &generator) }
        for (index, instant) in instants.enumerated() { queue.insert("\(instant)#\(index)", at: instant) }
        #expect(queue.earliest == instants.min())

        let due = queue.popDue(at: 499)
        #expect(due.map { Int($0.split(separator: "#")[0])! } == instants.filter { $0 <= 499 }.sorted())
        #expect(queue.count == instants.filter { $0 > 499 }.count)
        #expect(queue.earliest == instants.filter { $0 > 499 }.min())
        let nothingMore = queue.popDue(at: 499)
        #expect(nothingMore.isEmpty)
        let rest = queue.popDue(at: 1_000)
        #expect(rest.count == instants.filter { $0 > 499 }.count)
        #expect(queue.earliest == nil)
    }

    @Test func insertReportsANewEarliest() {
        var queue = DueQueue<Int, Int>()
        let answers = [queue.insert(1, at: 50), queue.insert(2, at: 60), queue.insert(3, at: 10), queue.insert(4, at: 10)]
        #expect(answers == [true, false, true, false], "a tie does not move the earliest")
    }

    /// Actions fire in the order of their instants and never before them, whatever the order they
    /// were scheduled in (a later one first makes the thread wait, an earlier one must wake it).
    @Test func firesEachActionAtOrAfterItsInstantInOrder() async {
        let timer = DeadlineTimer(coalescing: .milliseconds(2))
        let start = ContinuousClock.now
        let offsets: [Int] = [60, 20, 40, 0, 20]
        let fired = Mutex<[(offset: Int, at: ContinuousClock.Instant)]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for offset in offsets {
                timer.schedule(at: start + .milliseconds(offset)) {
                    let all = fired.withLock { fired in
                        fired.append((offset, ContinuousClock.now))
                        return fired.count == offsets.count
                    }
                    if all { done.resume() }
                }
            }
        }
        let record = fired.withLock { $0 }
        #expect(record.map(\.offset) == offsets.sorted())
        #expect(record.allSatisfy { $0.at >= start + .milliseconds($0.offset) }, "none fired early")
    }

    @Test func theContinuousClockDeadlineReturnsNilForAnOperationThatOutlivesIt() async throws {
        let (never, _) = AsyncStream.makeStream(of: Int.self)
        let start = ContinuousClock.now
        let value = try await Deadline.run(until: start + .milliseconds(30)) { () async -> Int in
            for await value in never { return value }
            return 0
        }
        #expect(value == nil)
        #expect(ContinuousClock.now >= start + .milliseconds(30))
        #expect(try await Deadline.run(until: .now + .seconds(5)) { 7 } == 7)
    }
}
