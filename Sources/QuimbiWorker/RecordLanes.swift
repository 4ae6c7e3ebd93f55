import QuimbiKafka
import Synchronization

/// The records of a consumer-group run and the lanes that handle them: long-lived tasks that each handle one
/// record after another, at most ``maxLanes`` of them.
///
/// The consumer's poll thread hands its records straight to an idle lane (``receive(_:)``), or queues them for
/// the next lane that asks; when records wait and fewer than ``maxLanes`` lanes exist, it asks for another lane
/// (``laneRequests``). A task that passed the records from the poll thread on to the lanes ran for every
/// fetch and waited for room record by record; a task per record allocated the frames of its record's async calls afresh (the task allocator
/// keeps its slabs for the life of its task only), where a lane handles the next record in the slabs of the last.
/// How many records are taken from the consumer at once is the consumer's in-flight limit.
final class RecordLanes: RecordReceiver {
    private struct State {
        var queued: [KafkaMessage] = []
        /// Index of the first record of `queued` not taken yet.
        var head = 0
        var idleLanes: [CheckedContinuation<KafkaMessage?, Never>] = []
        var lanes = 0
        /// Lanes asked for that have not asked for a record yet: each will take one of the waiting records.
        var starting = 0
        var finished = false

        var waiting: Int { queued.count - head }

        /// Takes the first waiting record. Taken records leave the array once it is empty, or once they are at
        /// least half of it: under a lasting backlog the queue never empties, and would otherwise keep every
        /// record it ever held.
        mutating func takeFirst() -> KafkaMessage {
            let message = queued[head]
            head += 1
            if head == queued.count {
                queued.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= Self.compactionMinimum, head * 2 >= queued.count {
                queued.removeFirst(head)
                head = 0
            }
            return message
        }

        /// Fewest taken records worth moving the waiting ones for.
        static let compactionMinimum = 64
    }

    private let state = Mutex(State())
    private let requests: AsyncStream<Void>.Continuation
    /// One element for each lane to start; ends with ``finish()``.
    let laneRequests: AsyncStream<Void>
    /// Most lanes, so most records handled at once.
    let maxLanes: Int

    init(maxLanes: Int) {
        precondition(maxLanes > 0, "a record needs a lane")
        self.maxLanes = maxLanes
        (laneRequests, requests) = AsyncStream<Void>.makeStream()
    }

    /// Lanes waiting in ``next()``.
    var idleLaneCount: Int { state.withLock { $0.idleLanes.count } }

    /// Records the queue holds, taken ones not yet dropped included.
    var heldRecordCount: Int { state.withLock { $0.queued.count } }

    /// Hands each record to an idle lane, or queues it for the next lane that asks, and asks for as many
    /// more lanes as records wait (up to ``maxLanes``). Records received after ``finish()`` are dropped:
    /// they are never finished, so never committed, and the group fetches them again.
    func receive(_ batch: [KafkaMessage]) {
        var handed: [(CheckedContinuation<KafkaMessage?, Never>, KafkaMessage)] = []
        let newLanes = state.withLock { state -> Int in
            guard !state.finished else { return 0 }
            for message in batch {
                if let lane = state.idleLanes.popLast() {
                    handed.append((lane, message))
                } else {
                    state.queued.append(message)
                }
            }
            let newLanes = min(max(0, state.waiting - state.starting), maxLanes - state.lanes)
            state.lanes += newLanes
            state.starting += newLanes
            return newLanes
        }
        for (lane, message) in handed { lane.resume(returning: message) }
        for _ in 0..<newLanes { requests.yield() }
    }

    /// The body of a lane asked for in ``laneRequests``: handles one record after another until ``next()`` ends it.
    func runLane(_ handle: (KafkaMessage) async -> Void) async {
        state.withLock { $0.starting -= 1 }
        while let message = await next() { await handle(message) }
    }

    /// The next record for a lane to handle, waiting for one; nil once ``finish()`` was called and every
    /// queued record was taken, or when the calling lane is cancelled (the records still queued then are
    /// never finished: the group fetches them again).
    func next() async -> KafkaMessage? {
        guard !Task.isCancelled else { return nil }
        return await withCheckedContinuation { (continuation: CheckedContinuation<KafkaMessage?, Never>) in
            let taken = state.withLock { state -> KafkaMessage?? in
                if state.waiting > 0 { return .some(state.takeFirst()) }
                if state.finished { return .some(nil) }
                state.idleLanes.append(continuation)
                return nil
            }
            if let taken { continuation.resume(returning: taken) }
        }
    }

    /// No more records come: lanes take what is queued, then end; ``laneRequests`` ends. Later calls do nothing.
    func finish() {
        let idle = state.withLock { state -> [CheckedContinuation<KafkaMessage?, Never>] in
            state.finished = true
            defer { state.idleLanes = [] }
            return state.idleLanes
        }
        for lane in idle { lane.resume(returning: nil) }
        requests.finish()
    }
}
