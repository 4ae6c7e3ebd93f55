import QuimbiKafka
import Synchronization

/// The hand-off between a consumer-group run's pump and its lanes: long-lived tasks that each handle one
/// record after another, at most `capacity` records in flight (queued or being handled) at once.
///
/// A task per record allocated the frames of its record's async calls afresh (the task allocator keeps its
/// slabs for the life of its task only: about a dozen heap slabs a ticket, 4 % of the worker's instructions
/// with the task's creation and destruction); a lane handles the next record in the slabs of the last.
final class RecordLanes: Sendable {
    private struct State {
        var queued: [KafkaMessage] = []
        /// Index of the first record of `queued` not taken yet.
        var head = 0
        var idleLanes: [CheckedContinuation<KafkaMessage?, Never>] = []
        var inFlight = 0
        var roomWaiter: CheckedContinuation<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())
    /// Most records in flight.
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "lanes need room for a record")
        self.capacity = capacity
    }

    /// Returns once fewer than ``capacity`` records are in flight. One caller at a time (the pump).
    func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let hasRoom = state.withLock { state -> Bool in
                if state.inFlight < capacity { return true }
                precondition(state.roomWaiter == nil, "one pump waits for room")
                state.roomWaiter = continuation
                return false
            }
            if hasRoom { continuation.resume() }
        }
    }

    /// Whether the pump waits in ``waitForRoom()``.
    var isWaitingForRoom: Bool { state.withLock { $0.roomWaiter != nil } }

    /// Lanes waiting in ``next()``.
    var idleLaneCount: Int { state.withLock { $0.idleLanes.count } }

    /// Hands `message` to an idle lane, or queues it for the next lane that asks. Returns false when
    /// no lane was idle: the caller starts another lane if it may.
    func push(_ message: KafkaMessage) -> Bool {
        let idle = state.withLock { state -> CheckedContinuation<KafkaMessage?, Never>? in
            precondition(!state.finished, "no record is pushed after finish")
            state.inFlight += 1
            if let lane = state.idleLanes.popLast() { return lane }
            state.queued.append(message)
            return nil
        }
        idle?.resume(returning: message)
        return idle != nil
    }

    /// The next record for a lane to handle, waiting for one; nil once ``finish()`` was called and
    /// every queued record was taken.
    func next() async -> KafkaMessage? {
        await withCheckedContinuation { (continuation: CheckedContinuation<KafkaMessage?, Never>) in
            let taken = state.withLock { state -> KafkaMessage?? in
                if state.head < state.queued.count {
                    let message = state.queued[state.head]
                    state.head += 1
                    if state.head == state.queued.count {
                        state.queued.removeAll(keepingCapacity: true)
                        state.head = 0
                    }
                    return .some(message)
                }
                if state.finished { return .some(nil) }
                state.idleLanes.append(continuation)
                return nil
            }
            if let taken { continuation.resume(returning: taken) }
        }
    }

    /// A lane finished handling a record.
    func done() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.inFlight -= 1
            guard state.inFlight < capacity else { return nil }
            defer { state.roomWaiter = nil }
            return state.roomWaiter
        }
        waiter?.resume()
    }

    /// No more records come: lanes take what is queued, then end.
    func finish() {
        let idle = state.withLock { state -> [CheckedContinuation<KafkaMessage?, Never>] in
            state.finished = true
            defer { state.idleLanes = [] }
            return state.idleLanes
        }
        for lane in idle { lane.resume(returning: nil) }
    }
}
