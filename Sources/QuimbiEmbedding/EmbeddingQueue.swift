import Foundation
import QuimbiSupport

/// The bounded queue between tickets and the engine threads. A full queue, or one whose wait would
/// outlast the request's deadline (see ``AdmissionEstimate``), refuses at once (the ticket reads with
/// the lexicon); a request that an idle thread can take at once is always admitted, so the estimate
/// learns again after a busy spell. The threads take what waits in batches, skipping the answered.
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

    init(capacity: Int, threads: Int) {
        self.capacity = max(1, capacity)
        self.threads = max(1, threads)
    }

    /// Queues `request`, or says why not.
    func offer(_ request: EmbeddingRequest) -> EmbeddingUnavailable? {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return .cancelled }
        let queued = waiting.count - head
        guard queued < capacity else { return .overloaded }
        if queued >= idle, !estimate.admits(waiting: queued - idle, threads: threads, remaining: request.deadline - .now) {
            return .overloaded
        }
        waiting.append(request)
        condition.signal()
        return nil
    }

    /// Blocks until requests wait, then takes up to `limit` of them still unanswered: the first, and
    /// after it as many as the engine is expected to embed before the earliest of their deadlines. A
    /// request whose deadline has passed is answered `expired` (no work is spent on a text nobody waits
    /// for any more). Nil once the queue is closed and empty.
    func take(upTo limit: Int) -> [EmbeddingRequest]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            var batch: [EmbeddingRequest] = []
            var earliest = ContinuousClock.Instant.now + .seconds(86_400)
            let now = ContinuousClock.now
            while head < waiting.count, batch.count < limit {
                let request = waiting[head]
                if request.isAnswered {
                    head += 1
                    continue
                }
                guard request.deadline > now else {
                    head += 1
                    request.answer(.failure(.expired))
                    continue
                }
                let deadline = min(earliest, request.deadline)
                guard batch.isEmpty || estimate.admits(waiting: batch.count, threads: 1, remaining: deadline - now) else { break }
                earliest = deadline
                batch.append(request)
                head += 1
            }
            if head == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                head = 0
            }
            if !batch.isEmpty { return batch }
            if closed { return nil }
            idle += 1
            condition.wait()
            idle -= 1
        }
    }

    /// Counts what a batch cost, for the admission of the next requests.
    func record(batchOf count: Int, took duration: Duration) {
        condition.lock()
        defer { condition.unlock() }
        estimate.record(batchOf: count, took: duration)
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
