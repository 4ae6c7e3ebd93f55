import QuimbiKafka
import Synchronization
import Testing
@testable import QuimbiWorker

/// The run's account of records whose delivery reports are still due: it settles only when each has
/// ended and its follow-up work returned, never drops a follow-up it accepted, and refuses work once closed.
@Suite(.timeLimit(.minutes(1))) struct PendingDeliveriesTests {
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

    @Test func settlingWaitsForTheFollowUpsHandedBack() async {
        let deliveries = PendingDeliveries()
        let release = OneShotSignal()
        let ran = Mutex<[Int]>([])
        for index in 0..<3 {
            deliveries.begin()
            #expect(deliveries.end {
                await release.wait()
                ran.withLock { $0.append(index) }
            })
        }
        let settled = Task { await deliveries.waitUntilSettled() }
        #expect(await isStillRunning(settled), "the follow-ups have not returned")
        release.signal()
        await settled.value
        #expect(ran.withLock { $0.sorted() } == [0, 1, 2])
    }

    @Test func cancellingTheWaitEndsItAndCancelsTheFollowUpsItAcceptedWithoutDroppingOne() async {
        let deliveries = PendingDeliveries()
        let gaveUp = OneShotSignal()
        deliveries.begin()
        #expect(deliveries.end {
            try? await Task.sleep(for: .seconds(3_600))
            if Task.isCancelled { gaveUp.signal() }
        })
        let settled = Task { await deliveries.waitUntilSettled() }
        settled.cancel()
        await settled.value
        await gaveUp.wait()
        deliveries.begin()
        #expect(!deliveries.end { Issue.record("a follow-up ran after the wait was cancelled") })
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
