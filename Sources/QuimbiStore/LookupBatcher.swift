/// Coalesces concurrent single lookups into batches: requests that arrive while a batch is being
/// scheduled share one call of `load` (at most `maxBatch` keys each).
actor LookupBatcher<Key: Hashable & Sendable, Value: Sendable> {
    typealias Load = @Sendable ([Key]) async throws -> [Key: Value]
    private let maxBatch: Int
    private let load: Load
    private var pending: [Key: [CheckedContinuation<Value?, any Error>]] = [:]
    private var flushScheduled = false

    init(maxBatch: Int, load: @escaping Load) {
        self.maxBatch = max(1, maxBatch)
        self.load = load
    }

    func lookup(_ key: Key) async throws -> Value? {
        try await withCheckedThrowingContinuation { continuation in
            pending[key, default: []].append(continuation)
            if pending.count >= maxBatch {
                startBatch()
            } else if !flushScheduled {
                flushScheduled = true
                Task { await self.flushAfterYield() }
            }
        }
    }

    private func flushAfterYield() async {
        await Task.yield()
        flushScheduled = false
        startBatch()
    }

    private func startBatch() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = [:]
        let load = self.load
        Task {
            do {
                let values = try await load(Array(batch.keys))
                for (key, waiters) in batch { waiters.forEach { $0.resume(returning: values[key]) } }
            } catch {
                for waiters in batch.values { waiters.forEach { $0.resume(throwing: error) } }
            }
        }
    }
}
