import Testing
import QuimbiResilience

struct SlotQueueTests {
    @Test func slotsGoToWaitersInOrderAndACancelledWaiterLeavesTheQueue() async throws {
        let queue = SlotQueue([1])
        let held = try await queue.take()
        let cancelled = Task { try await queue.take() }
        let patient = Task { try await queue.take() }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        queue.give(held)
        #expect(try await patient.value == 1, "the slot skips the cancelled waiter")
    }

    @Test func anAlreadyCancelledTaskDoesNotQueue() async throws {
        let queue = SlotQueue(["only"])
        let held = try await queue.take()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await queue.take()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        queue.give(held)
        #expect(try await queue.take() == "only")
    }
}
