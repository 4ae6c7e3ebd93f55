/// Runs at most one lookup per key at a time: callers asking for a key that is already being
/// looked up wait for that lookup's result instead of starting another.
///
/// A waiter whose task is cancelled stops waiting at once; the shared lookup is cancelled only
/// when no waiter is left.
actor LookupCoalescer<Value: Sendable> {
    private struct Flight {
        var id: Int
        var task: Task<Void, Never>
        var waiters: [Int: CheckedContinuation<Value, any Error>]
    }

    private var flights: [String: Flight] = [:]
    private var nextWaiterID = 0

    /// The result of `lookup` for `key`, shared with every concurrent caller of the same key.
    func value(for key: String, lookup: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let waiterID = nextWaiterID
        nextWaiterID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                join(key: key, waiterID: waiterID, continuation: continuation, lookup: lookup)
            }
        } onCancel: {
            Task { await self.leave(key: key, waiterID: waiterID) }
        }
    }

    private func join(
        key: String, waiterID: Int, continuation: CheckedContinuation<Value, any Error>,
        lookup: @escaping @Sendable () async throws -> Value
    ) {
        if Task.isCancelled {
            continuation.resume(throwing: CancellationError())
            return
        }
        if flights[key] != nil {
            flights[key]?.waiters[waiterID] = continuation
            return
        }
        let task = Task {
            do {
                self.finish(key: key, flightID: waiterID, result: .success(try await lookup()))
            } catch {
                self.finish(key: key, flightID: waiterID, result: .failure(error))
            }
        }
        flights[key] = Flight(id: waiterID, task: task, waiters: [waiterID: continuation])
    }

    /// Hands the result to the waiters of flight `flightID`, unless that flight was abandoned.
    private func finish(key: String, flightID: Int, result: Result<Value, any Error>) {
        guard flights[key]?.id == flightID, let flight = flights.removeValue(forKey: key) else { return }
        for continuation in flight.waiters.values { continuation.resume(with: result) }
    }

    private func leave(key: String, waiterID: Int) {
        guard let continuation = flights[key]?.waiters.removeValue(forKey: waiterID) else { return }
        continuation.resume(throwing: CancellationError())
        if flights[key]?.waiters.isEmpty == true {
            flights[key]?.task.cancel()
            flights[key] = nil
        }
    }
}
