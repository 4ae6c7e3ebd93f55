import QuimbiHelpdesk
import QuimbiResilience
import Synchronization

/// One helpdesk's share of the deliverer: its own note slots and its own bounded backlog, so a helpdesk that is
/// down (its notes waiting out their retry bound) holds only its own slots and backlog, never another's.
///
/// A record that finds the backlog full waits for room while the helpdesk answers (it is busy, not down: nothing is
/// given up), and is turned away at once while the helpdesk's last answer was a 429, a 5xx or none — also when it
/// was already waiting, so records waiting for a helpdesk that went down never fill the consumer's window.
final class DeliveryLane: Sendable {
    /// What became of a record brought to the lane.
    enum Admission {
        /// The work ran in one of the lane's slots.
        case ran
        /// The backlog was full and the helpdesk is failing; the work did not run.
        case full
        /// The task was cancelled while it waited; the work did not run.
        case cancelled
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var admitted = 0
        var failing = false
        var nextID = 0
        var waiters: [Waiter] = []
    }

    /// Writes the lane's notes into its helpdesk.
    let sender: any NoteDelivering
    private let slots: SlotQueue<Int>
    private let state = Mutex(State())
    /// Records the lane holds at most, writing or waiting for a slot.
    let backlog: Int

    /// A lane of `concurrency` slots writing with `sender`, holding at most `backlog` records (at least `concurrency`).
    init(sender: any NoteDelivering, concurrency: Int, backlog: Int) {
        self.sender = sender
        slots = SlotQueue(Array(0..<max(1, concurrency)))
        self.backlog = max(max(1, concurrency), backlog)
    }

    /// Runs `work` in a free slot once the backlog has room; `.full` when it has none and the helpdesk is failing.
    func run(_ work: () async -> Void) async -> Admission {
        guard await admit() else { return Task.isCancelled ? .cancelled : .full }
        defer { release() }
        guard let slot = try? await slots.take() else { return .cancelled }
        defer { slots.give(slot) }
        await work()
        return .ran
    }

    /// Records the outcome of one request to the helpdesk: `nil` for an answer, else its error.
    func attempted(_ failure: DeliveryError?) {
        let turnedAway: [Waiter] = state.withLock { state in
            state.failing = failure?.isTransient ?? false
            guard state.failing else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        turnedAway.forEach { $0.continuation.resume(returning: false) }
    }

    /// Takes a place in the backlog, waiting for one while the helpdesk answers; false when turned away or cancelled.
    private func admit() async -> Bool {
        let id: Int? = state.withLock { state in
            if state.admitted < backlog {
                state.admitted += 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = state.withLock { state in
                    if Task.isCancelled || state.failing { return false }
                    if state.admitted < backlog {
                        state.admitted += 1
                        return true
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Gives a place back: to the first waiter, or to the backlog.
    private func release() {
        let next: Waiter? = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.admitted -= 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }
}
