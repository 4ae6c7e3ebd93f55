import QuimbiCore
import Synchronization
import Testing
@testable import QuimbiStore

/// The batcher's waits honour cancellation and deadlines, and a batch nobody waits for is cancelled.
@Suite struct LookupBatcherTests {
    /// A load that reports when it starts and whether it was cancelled, and never answers by itself.
    struct HangingLoad: Sendable {
        let started: AsyncStream<[String]>
        let cancelled: AsyncStream<Bool>
        private let startedSignal: AsyncStream<[String]>.Continuation
        private let cancelledSignal: AsyncStream<Bool>.Continuation

        init() {
            (started, startedSignal) = AsyncStream.makeStream(of: [String].self)
            (cancelled, cancelledSignal) = AsyncStream.makeStream(of: Bool.self)
        }

        func load(_ keys: [String]) async throws -> [String: Int] {
            startedSignal.yield(keys)
            do {
                try await Task.sleep(for: .seconds(3_600))
            } catch {
                cancelledSignal.yield(true)
                throw error
            }
            return [:]
        }
    }

    @Test func aCancelledWaiterReturnsAtOnceAndItsAbandonedBatchIsCancelled() async throws {
        let hanging = HangingLoad()
        let batcher = LookupBatcher<String, Int>(maxBatch: 1) { try await hanging.load($0) }
        let lookup = Task { try await batcher.lookup("a") }
        var started = hanging.started.makeAsyncIterator()
        #expect(await started.next() == ["a"])
        lookup.cancel()
        await #expect(throws: CancellationError.self) { _ = try await lookup.value }
        var cancelled = hanging.cancelled.makeAsyncIterator()
        #expect(await cancelled.next() == true)
    }

    @Test func aBatchStillWaitedForIsNotCancelled() async throws {
        let batcher = LookupBatcher<String, Int>(maxBatch: 2) { keys in
            try await Task.sleep(for: .milliseconds(50))
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0.count) })
        }
        let leaving = Task { try await batcher.lookup("a") }
        let staying = Task { try await batcher.lookup("bb") }
        leaving.cancel()
        #expect(try await staying.value == 2)
    }

    /// A load that hangs cannot hold a waiter past its deadline; the batch is cancelled once its last waiter left.
    @Test func aWaiterPastItsDeadlineFailsAtItAndItsAbandonedBatchIsCancelled() async throws {
        let hanging = HangingLoad()
        let batcher = LookupBatcher<String, Int>(maxBatch: 1) { try await hanging.load($0) }
        let started = ContinuousClock.now
        let pending = batcher.start("a", until: started + .milliseconds(100))
        var starts = hanging.started.makeAsyncIterator()
        #expect(await starts.next() == ["a"])
        let timeout = await #expect(throws: LookupError.self) { _ = try await pending.value() }
        #expect(timeout?.code == "lookup_timeout")
        #expect(ContinuousClock.now - started >= .milliseconds(100), "not before its deadline")
        var cancelled = hanging.cancelled.makeAsyncIterator()
        #expect(await cancelled.next() == true)
    }

    /// A waiter whose deadline has passed already is not added to any batch.
    @Test func aLookupStartedPastItsDeadlineFailsAtOnce() async throws {
        let loads = Mutex(0)
        let batcher = LookupBatcher<String, Int>(maxBatch: 1) { _ in
            loads.withLock { $0 += 1 }
            return [:]
        }
        let timeout = await #expect(throws: LookupError.self) { _ = try await batcher.start("a", until: .now - .milliseconds(1)).value() }
        #expect(timeout?.code == "lookup_timeout")
        #expect(loads.withLock { $0 } == 0)
    }

    /// Lookups started before any is awaited are all answered, each key loaded once (they share a batch unless the
    /// flush scheduled by the first runs before the second joins), with and without a deadline.
    @Test func lookupsStartedBeforeTheyAreAwaitedAreAnswered() async throws {
        let loaded = Mutex<[String]>([])
        let batcher = LookupBatcher<String, Int>(maxBatch: 2) { keys in
            loaded.withLock { $0 += keys }
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0.count) })
        }
        let first = batcher.start("a", until: .now + .seconds(60))
        let second = batcher.start("bb", until: nil)
        #expect(try await first.value() == 1)
        #expect(try await second.value() == 2)
        #expect(loaded.withLock { $0 }.sorted() == ["a", "bb"])
    }
}
