import Synchronization
import Testing
@testable import QuimbiWorker

/// The run's account of records whose delivery reports are still due: it settles only when each has
/// ended, runs the follow-up work handed back, and refuses work once closed.
@Suite struct PendingDeliveriesTests {
    @Test func settlingWaitsForTheLastPendingRecord() async {
        let deliveries = PendingDeliveries()
        deliveries.begin()
        deliveries.begin()
        let settled = Task { await deliveries.waitUntilSettled() }
        deliveries.end()
        #expect(await isStillRunning(settled), "one record is still pending")
        deliveries.end()
        await settled.value
    }

    @Test func nothingPendingIsSettledAtOnce() async {
        await PendingDeliveries().waitUntilSettled()
    }

    @Test func cancellingTheWaitEndsItWithRecordsStillPending() async {
        let deliveries = PendingDeliveries()
        deliveries.begin()
        let settled = Task { await deliveries.waitUntilSettled() }
        settled.cancel()
        await settled.value
    }

    @Test func followUpsHandedBackRunAndCloseWaitsForThem() async {
        let deliveries = PendingDeliveries()
        let ran = Mutex<[Int]>([])
        let runner = Task { await deliveries.runFollowUps() }
        for index in 0..<3 {
            deliveries.begin()
            #expect(deliveries.end { ran.withLock { $0.append(index) } })
        }
        await deliveries.waitUntilSettled()
        deliveries.close()
        await runner.value
        #expect(ran.withLock { $0.sorted() } == [0, 1, 2])
    }

    @Test func aFollowUpAfterCloseIsRefusedAndTheRecordStillEnds() async {
        let deliveries = PendingDeliveries()
        deliveries.begin()
        deliveries.close()
        #expect(!deliveries.end { Issue.record("a refused follow-up ran") })
        await deliveries.waitUntilSettled()
    }

    /// Whether `task` is still running after giving it every chance to finish (several yields).
    private func isStillRunning(_ task: Task<Void, Never>) async -> Bool {
        let finished = Atomic(false)
        let watcher = Task {
            await task.value
            finished.store(true, ordering: .relaxed)
        }
        for _ in 0..<50 { await Task.yield() }
        watcher.cancel()
        return !finished.load(ordering: .relaxed)
    }
}
