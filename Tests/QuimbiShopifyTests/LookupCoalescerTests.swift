import Testing
@testable import QuimbiShopify

@Suite("Lookup coalescing")
struct LookupCoalescerTests {
    /// Counts lookups and holds each until released.
    actor Gate {
        private(set) var started = 0
        private var released = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func enter() async {
            started += 1
            guard !released else { return }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            released = true
            waiting.forEach { $0.resume() }
            waiting = []
        }
    }

    @Test("a cancelled waiter stops waiting while the others still get the shared result")
    func cancelledWaiter() async throws {
        let coalescer = LookupCoalescer<Int>()
        let gate = Gate()
        let lookup: @Sendable () async throws -> Int = {
            await gate.enter()
            return 7
        }
        let staying = Task { try await coalescer.value(for: "k", lookup: lookup) }
        while await gate.started == 0 { await Task.yield() }
        let leaving = Task { try await coalescer.value(for: "k", lookup: lookup) }
        leaving.cancel()
        await #expect(throws: CancellationError.self) { try await leaving.value }
        await gate.release()
        #expect(try await staying.value == 7)
        #expect(await gate.started == 1)
    }

    @Test("failures are shared too, and the next call starts a new lookup")
    func sharedFailure() async throws {
        struct Boom: Error {}
        let coalescer = LookupCoalescer<Int>()
        await #expect(throws: Boom.self) { try await coalescer.value(for: "k") { throw Boom() } }
        #expect(try await coalescer.value(for: "k") { 3 } == 3)
    }
}
