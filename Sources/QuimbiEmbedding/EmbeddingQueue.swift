import Foundation
import QuimbiSupport

/// The bounded queue between tickets and the engine threads. A full queue, or one whose wait would
/// outlast the request's deadline (see ``AdmissionEstimate``), refuses at once (the ticket reads with
/// the lexicon). A request that an idle thread can take at once is admitted unless even alone it is
/// expected late (the engine starved by a saturating load); then one a ``probeInterval`` still is, so that
/// the estimate learns again after a busy spell. The threads take what waits in batches, skipping the answered
/// and answering at once those that waited too long to be read in time (only the probe is read regardless).
final class EmbeddingQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [EmbeddingRequest] = []
    private var head = 0
    private var closed = false
    private var estimate = AdmissionEstimate()
    private var idle = 0
    /// Most requests waiting at once.
    let capacity: Int
    /// Engine threads taking from the queue.
    let threads: Int
    /// Most requests a thread takes at once.
    let batchLimit: Int
    /// Least time between two requests an idle thread takes although they are expected late.
    let probeInterval: Duration
    /// Share of its remaining time a request may be expected to wait before a thread starts on it (a sixth:
    /// 50 ms of a ticket's 300 ms). A busy engine reads no more texts for a longer queue, at its own pace,
    /// while their tickets wait longer; offline work, whose deadline is far, may queue as much as it likes.
    let maxWaitShare: Double
    private var lastProbe: ContinuousClock.Instant?
    /// The request last admitted although expected late, until a thread takes it.
    private var probe: EmbeddingRequest?
    /// Each call the threads are running: its characters, and when it started.
    private var inProgress: [(characters: Int, started: ContinuousClock.Instant)] = []

    init(capacity: Int, threads: Int, batchLimit: Int, probeInterval: Duration = .seconds(1), maxWaitShare: Double = 1.0 / 6) {
        self.capacity = max(1, capacity)
        self.threads = max(1, threads)
        self.batchLimit = max(1, batchLimit)
        self.probeInterval = probeInterval
        self.maxWaitShare = maxWaitShare
    }

    /// Queues `request`, or says why not.
    func offer(_ request: EmbeddingRequest) -> EmbeddingUnavailable? {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return .cancelled }
        let queued = waiting.count - head
        guard queued < capacity else { return .overloaded }
        let now = ContinuousClock.now
        let remaining = request.deadline - now
        let estimate = currentEstimate(at: now)
        if queued >= idle {
            let ahead = waiting[head...].reduce(0) { $1.isAnswered ? $0 : $0 + $1.characters }
            let admitted = estimate.admits(
                characters: request.characters, waiting: ahead, threadFreeIn: threadFreeIn(estimate, at: now), threads: threads, remaining: remaining,
                maxWaitShare: maxWaitShare)
            guard admitted else { return .overloaded }
        } else if estimate.call(characters: request.characters) > remaining {
            if let lastProbe, now - lastProbe < probeInterval { return .overloaded }
            lastProbe = now
            probe = request
        }
        waiting.append(request)
        condition.signal()
        return nil
    }

    /// Blocks until requests wait, then takes up to ``batchLimit`` of them still unanswered: the first, and
    /// after it as many as the engine is expected to embed before the earliest of their deadlines. A
    /// request not expected to be embedded before its deadline even alone is answered `expired` at once:
    /// no work is spent on a text nobody will wait for, and its ticket goes on without waiting out its
    /// deadline. (Taking such texts made the engine answer late, which raised the estimate's correction
    /// until the queue admitted almost nothing: after a start whose first estimate admitted too many, the
    /// model read 44–56 of 600 tickets at 100 a second.) Nil once the queue is closed and empty.
    func take() -> [EmbeddingRequest]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            var batch: [EmbeddingRequest] = []
            var characters = 0
            var earliest = ContinuousClock.Instant.now + .seconds(86_400)
            let now = ContinuousClock.now
            let estimate = currentEstimate(at: now)
            while head < waiting.count, batch.count < batchLimit {
                let request = waiting[head]
                if request.isAnswered {
                    head += 1
                    continue
                }
                let isProbe = request === probe
                guard request.deadline > now, isProbe || estimate.call(characters: request.characters) <= request.deadline - now else {
                    head += 1
                    request.answer(.failure(.expired))
                    continue
                }
                if isProbe { probe = nil }
                let deadline = min(earliest, request.deadline)
                guard batch.isEmpty || estimate.call(characters: characters + request.characters) <= deadline - now else { break }
                earliest = deadline
                batch.append(request)
                characters += request.characters
                head += 1
            }
            if head == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                head = 0
            }
            if !batch.isEmpty {
                inProgress.append((characters, now))
                return batch
            }
            if closed { return nil }
            idle += 1
            condition.wait()
            idle -= 1
        }
    }

    /// Counts what a call on `characters` characters in all cost, and whether it answered late (some of its
    /// requests were given up before it ended), for the admission of the next requests; the call is over.
    func record(characters: Int, took duration: Duration, late: Bool) {
        condition.lock()
        defer { condition.unlock() }
        estimate.record(characters: characters, took: duration, late: late)
        if let index = inProgress.firstIndex(where: { $0.characters == characters }) { inProgress.remove(at: index) }
    }

    /// The estimate, raised to what the calls still running have cost per character so far: a call that
    /// runs longer than estimated shows the engine starved before it ends (at a low priority under a
    /// saturating load one text can take a second), and admitting more meanwhile only queues texts that
    /// would be read past their deadlines.
    private func currentEstimate(at now: ContinuousClock.Instant) -> AdmissionEstimate {
        inProgress.reduce(estimate) { $0.raised(toAtLeast: AdmissionEstimate.perCharacter(now - $1.started, characters: $1.characters)) }
    }

    /// When the first thread is expected free: at once when one is between calls, else when the call
    /// expected to end first does.
    private func threadFreeIn(_ estimate: AdmissionEstimate, at now: ContinuousClock.Instant) -> Duration {
        guard inProgress.count >= threads else { return .zero }
        return inProgress.map { max(.zero, estimate.call(characters: $0.characters) - (now - $0.started)) }.min() ?? .zero
    }

    /// Threads waiting for requests.
    var idleThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return idle
    }

    /// Refuses new requests and returns those still waiting.
    func close() -> [EmbeddingRequest] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        let left = Array(waiting[head...])
        waiting.removeAll()
        head = 0
        condition.broadcast()
        return left
    }
}
