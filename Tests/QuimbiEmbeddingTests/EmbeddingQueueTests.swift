import Foundation
import Synchronization
@testable import QuimbiEmbedding
import QuimbiSupport
import Testing

/// The queue's admission: by the engine's recent cost, but never refusing what an idle thread can take,
/// so that a cost learnt during a busy spell does not shut the model out afterwards.
struct EmbeddingQueueTests {
    private func request(_ text: String, within budget: Duration) -> EmbeddingRequest {
        EmbeddingRequest(text: text, deadline: .now + budget)
    }

    @Test func aCostlyPastRefusesWhatWouldWaitButAdmitsWhatAnIdleThreadTakes() async {
        let queue = EmbeddingQueue(capacity: 8, threads: 1)
        queue.record(batchOf: 1, took: .seconds(10))  // learnt while the pipeline had the processors
        queue.record(batchOf: 1, took: .seconds(10))
        #expect(queue.offer(request("no thread is idle", within: .seconds(1))) == .overloaded)

        let taken = Mutex<[String]>([])
        let thread = Thread {
            if let batch = queue.take(upTo: 4) { taken.withLock { $0 = batch.map(\.text) } }
        }
        thread.start()
        while queue.idleThreads == 0 { await Task.yield() }
        #expect(queue.offer(request("an idle thread takes it", within: .seconds(1))) == nil)
        while taken.withLock({ $0.isEmpty }) { await Task.yield() }
        #expect(taken.withLock { $0 } == ["an idle thread takes it"])
        _ = queue.close()
    }

    @Test func aRequestPastItsDeadlineIsAnsweredInsteadOfEmbedded() async {
        let queue = EmbeddingQueue(capacity: 8, threads: 1)
        for _ in 0..<60 { queue.record(batchOf: 1, took: .microseconds(10)) }  // a fast engine: both are admitted
        let late = request("late", within: .milliseconds(20))
        let onTime = request("on time", within: .seconds(60))
        #expect(queue.offer(late) == nil && queue.offer(onTime) == nil)
        while ContinuousClock.now < late.deadline { await Task.yield() }
        #expect(queue.take(upTo: 4)?.map(\.text) == ["on time"])
        if case .failure(let reason) = await late.wait() { #expect(reason == .expired) } else { Issue.record("late was embedded") }
        _ = queue.close()
    }

    @Test func closingRefusesNewRequests() {
        let queue = EmbeddingQueue(capacity: 8, threads: 1)
        let waiting = request("waiting", within: .seconds(60))
        #expect(queue.offer(waiting) == nil)
        #expect(queue.close().map(\.text) == ["waiting"])
        #expect(queue.offer(request("after", within: .seconds(60))) == .cancelled)
        #expect(queue.take(upTo: 4) == nil)
    }
}
