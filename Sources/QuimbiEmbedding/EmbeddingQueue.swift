import Foundation
import QuimbiSupport

/// The bounded queue between tickets and the engine threads. A full queue refuses at once (the
/// ticket reads with the lexicon); the threads take what waits in batches, skipping the answered.
final class EmbeddingQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [EmbeddingRequest] = []
    private var head = 0
    private var closed = false
    /// Most requests waiting at once.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `request`, or says why not.
    func offer(_ request: EmbeddingRequest) -> EmbeddingUnavailable? {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return .cancelled }
        guard waiting.count - head < capacity else { return .overloaded }
        waiting.append(request)
        condition.signal()
        return nil
    }

    /// Blocks until requests wait, then takes up to `limit` of them still unanswered; nil once the
    /// queue is closed and empty.
    func take(upTo limit: Int) -> [EmbeddingRequest]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            var batch: [EmbeddingRequest] = []
            while head < waiting.count, batch.count < limit {
                let request = waiting[head]
                head += 1
                if !request.isAnswered { batch.append(request) }
            }
            if head == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                head = 0
            }
            if !batch.isEmpty { return batch }
            if closed { return nil }
            condition.wait()
        }
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
