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
        let queue = EmbeddingQueue(capacity: 8, threads: 1, batchLimit: 4)
        queue.record(characters: 10, took: .seconds(10), late: false)  // learnt while the pipeline had the processors
        queue.record(characters: 10, took: .seconds(10), late: false)
        #expect(queue.offer(request("no thread is idle", within: .seconds(1))) == .overloaded)

        let taken = Mutex<[String]>([])
        let thread = Thread {
            if let batch = queue.take() { taken.withLock { $0 = batch.map(\.text) } }
        }
        thread.start()
        while queue.idleThreads == 0 { await Task.yield() }
        #expect(queue.offer(request("an idle thread takes it", within: .seconds(1))) == nil)
        while taken.withLock({ $0.isEmpty }) { await Task.yield() }
        #expect(taken.withLock { $0 } == ["an idle thread takes it"])
        _ = queue.close()
    }

    @Test func aRequestPastItsDeadlineIsAnsweredInsteadOfEmbedded() async {
        let queue = EmbeddingQueue(capacity: 8, threads: 1, batchLimit: 4)
        for _ in 0..<60 { queue.record(characters: 10, took: .microseconds(10), late: false) }  // a fast engine: both are admitted
        let late = request("late", within: .milliseconds(20))
        let onTime = request("on time", within: .seconds(60))
        #expect(queue.offer(late) == nil && queue.offer(onTime) == nil)
        while ContinuousClock.now < late.deadline { await Task.yield() }
        #expect(queue.take()?.map(\.text) == ["on time"])
        if case .failure(let reason) = await late.wait() { #expect(reason == .expired) } else { Issue.record("late was embedded") }
        _ = queue.close()
    }

    /// With the thread busy, a text waits for the call in progress: a queue that did not count that call
    /// admitted the text, and its ticket waited out the deadline for nothing.
    @Test func aBusyEngineCountsTheCallInProgress() {
        let queue = EmbeddingQueue(capacity: 64, threads: 1, batchLimit: 8)  // 250 µs a character until measured
        #expect(queue.offer(request(String(repeating: "x", count: 2_000), within: .seconds(10))) == nil)
        #expect(queue.take()?.map(\.characters) == [2_000], "512 ms of work in progress")

        // 512 ms in progress, then 27 ms of its own.
        #expect(queue.offer(request(String(repeating: "y", count: 60), within: .milliseconds(400))) == .overloaded)
        queue.record(characters: 2_000, took: .milliseconds(512), late: false)
        #expect(queue.offer(request(String(repeating: "z", count: 60), within: .milliseconds(400))) == nil, "nothing in progress any more")
        _ = queue.close()
    }

    /// A call that runs longer than estimated shows the engine starved before it ends: the queue stops
    /// admitting at once, where it went on admitting (texts read past their deadlines) until that call was
    /// measured, a second or more later under a saturating load.
    @Test func aCallRunningLongerThanEstimatedStopsAdmissionsBeforeItEnds() async throws {
        let queue = EmbeddingQueue(capacity: 64, threads: 1, batchLimit: 8)
        #expect(queue.offer(request("x", within: .seconds(10))) == nil)
        #expect(queue.take()?.map(\.text) == ["x"])
        try await Task.sleep(for: .milliseconds(200))  // at least 200 ms for a call of 1 + 48 characters: 4 ms each

        #expect(queue.offer(request(String(repeating: "y", count: 60), within: .milliseconds(300))) == .overloaded)
        queue.record(characters: 1, took: .microseconds(250 * 49), late: false)
        #expect(queue.offer(request(String(repeating: "z", count: 60), within: .milliseconds(300))) == nil, "the call measured as estimated")
        _ = queue.close()
    }

    /// Under a load that starves the engine's threads, an idle thread took every text offered and read it
    /// past its deadline, spending a processor on answers nobody waited for: now one a probe interval.
    @Test func anIdleThreadTakesATextExpectedLateOnlyOnceAProbeInterval() async {
        for (interval, admittedAfterTheFirst) in [(Duration.seconds(3_600), false), (.zero, true)] {
            let queue = EmbeddingQueue(capacity: 8, threads: 1, batchLimit: 4, probeInterval: interval)
            queue.record(characters: 10, took: .seconds(10), late: true)
            let taken = Mutex<[String]>([])
            let thread = Thread {
                while let batch = queue.take() { taken.withLock { $0 += batch.map(\.text) } }
            }
            thread.start()
            while queue.idleThreads == 0 { await Task.yield() }
            #expect(queue.offer(request("probe", within: .seconds(1))) == nil, "the first is read: the estimate learns")
            while taken.withLock({ $0.isEmpty }) || queue.idleThreads == 0 { await Task.yield() }
            #expect((queue.offer(request("second", within: .seconds(1))) == nil) == admittedAfterTheFirst, "interval \(interval)")
            _ = queue.close()
        }
    }

    /// An engine measured at 1 ms a character: a 60-character text costs 108 ms with a call's overhead.
    private func queueMeasuredAtOneMillisecondACharacter(maxWaitShare: Double) -> EmbeddingQueue {
        let queue = EmbeddingQueue(capacity: 8, threads: 1, batchLimit: 4, maxWaitShare: maxWaitShare)
        for _ in 0..<80 { queue.record(characters: 10, took: .milliseconds(58), late: false) }
        return queue
    }

    /// A busy engine reads no more texts for a longer queue, it only makes their tickets wait: a text expected
    /// to wait more than its share of its time before a thread starts on it is refused, though it would be
    /// read in time; a far deadline (offline work) may wait longer.
    @Test func aTextExpectedToWaitMoreThanItsShareOfItsTimeIsRefused() {
        let bounded = queueMeasuredAtOneMillisecondACharacter(maxWaitShare: 1.0 / 6)
        #expect(bounded.offer(request(String(repeating: "a", count: 60), within: .milliseconds(300))) == nil, "starts at once")
        #expect(
            bounded.offer(request(String(repeating: "b", count: 60), within: .milliseconds(300))) == .overloaded,
            "60 ms behind the first, more than 50 ms, though read 168 ms from now")
        #expect(bounded.offer(request(String(repeating: "c", count: 60), within: .seconds(3_600))) == nil, "a far deadline")
        _ = bounded.close()

        let lenient = queueMeasuredAtOneMillisecondACharacter(maxWaitShare: 1)
        #expect(lenient.offer(request(String(repeating: "a", count: 60), within: .milliseconds(300))) == nil)
        #expect(lenient.offer(request(String(repeating: "b", count: 60), within: .milliseconds(300))) == nil)
        _ = lenient.close()
    }

    /// A text that waited until it can no longer be read before its deadline is answered at once, instead of
    /// being read late: late answers raised the estimate's correction until the queue admitted almost
    /// nothing (the model read 44–56 of 600 tickets at 100 a second after an optimistic start).
    @Test func aTextThatCanNoLongerBeReadInTimeIsAnsweredInsteadOfRead() async throws {
        let queue = queueMeasuredAtOneMillisecondACharacter(maxWaitShare: 1)
        let late = request(String(repeating: "l", count: 60), within: .milliseconds(150))  // 108 ms of work: admitted
        let onTime = request(String(repeating: "o", count: 60), within: .seconds(60))
        #expect(queue.offer(late) == nil && queue.offer(onTime) == nil)
        try await Task.sleep(for: .milliseconds(50))  // at least 50 ms: under 108 ms are left for `late`

        #expect(queue.take()?.map(\.text) == [onTime.text])
        #expect(late.isAnswered, "answered by the queue, not left to its deadline")
        if late.isAnswered, case .failure(let reason) = await late.wait() { #expect(reason == .expired) }
        _ = queue.close()
    }

    @Test func closingRefusesNewRequests() {
        let queue = EmbeddingQueue(capacity: 8, threads: 1, batchLimit: 4)
        let waiting = request("waiting", within: .seconds(60))
        #expect(queue.offer(waiting) == nil)
        #expect(queue.close().map(\.text) == ["waiting"])
        #expect(queue.offer(request("after", within: .seconds(60))) == .cancelled)
        #expect(queue.take() == nil)
    }
}
