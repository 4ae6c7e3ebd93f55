import Testing
@testable import QuimbiStore

/// The batcher's waits honour cancellation, and a batch nobody waits for is cancelled.
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
}
