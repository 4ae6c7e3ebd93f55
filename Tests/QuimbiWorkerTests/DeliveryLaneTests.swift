import QuimbiHelpdesk
import Testing
@testable import QuimbiWorker

/// A lane's backlog: a busy helpdesk's records wait for room, a failing one's are turned away (also while waiting).
struct DeliveryLaneTests {
    /// A sender that is never called: the lane only runs the work it is given.
    struct Idle: NoteDelivering {
        func deliver(_ note: HelpdeskNote, attempts: (DeliveryError?) -> Void) async throws(DeliveryError) {}
        func isDelivered(_ note: HelpdeskNote, attempts: (DeliveryError?) -> Void) async throws(DeliveryError) -> Bool { false }
    }

    @Test func aFullBacklogWaitsWhileTheHelpdeskAnswersAndIsTurnedAwayOnceItFails() async throws {
        let lane = DeliveryLane(sender: Idle(), concurrency: 1, backlog: 1)
        let (gate, opener) = AsyncStream<Void>.makeStream()
        let (started, starting) = AsyncStream<Void>.makeStream()
        let holder = Task {
            await lane.run {
                starting.yield()
                for await _ in gate { return }
            }
        }
        for await _ in started { break }
        let waiter = Task { await lane.run {} }
        lane.attempted(DeliveryError(.unavailable, "503"))
        #expect(await waiter.value == .full, "failing: turned away, whether it was waiting or came after")
        #expect(await lane.run {} == .full)
        lane.attempted(nil)
        let patient = Task { await lane.run {} }
        opener.yield()
        #expect(await holder.value == .ran)
        #expect(await patient.value == .ran, "answering: it waited for room and ran")
    }
}
