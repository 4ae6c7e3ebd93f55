import Synchronization

/// Records whose outputs are queued for delivery and whose reports have not all come back, and the
/// follow-up work a failed report hands back to the run (retrying, dead-lettering).
///
/// A delivery report arrives on the producer's thread, after the record's task has ended; so that a
/// run drains them as it drains its tasks, every such record is counted from ``begin()`` to
/// ``end(followUp:)``, and follow-up work runs in ``runFollowUps()``, inside the run's task tree.
final class PendingDeliveries: Sendable {
    typealias FollowUp = @Sendable () async -> Void

    private struct State {
        var pending = 0
        var cancelled = false
        var settled: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    private let followUps: AsyncStream<FollowUp>
    private let followUpInput: AsyncStream<FollowUp>.Continuation

    init() {
        (followUps, followUpInput) = AsyncStream<FollowUp>.makeStream()
    }

    /// Counts a record whose delivery is now awaited.
    func begin() {
        state.withLock { $0.pending += 1 }
    }

    /// Ends the wait for a record's reports, handing `followUp` (if any) to ``runFollowUps()`` first.
    /// Returns `false` when the run takes no more follow-up work (it has stopped): the caller then
    /// gives the record up.
    @discardableResult
    func end(followUp: FollowUp? = nil) -> Bool {
        var accepted = true
        if let followUp, case .terminated = followUpInput.yield(followUp) { accepted = false }
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.pending -= 1
            guard state.pending == 0 else { return nil }
            defer { state.settled = nil }
            return state.settled
        }
        waiter?.resume()
        return accepted
    }

    /// Returns once no record is awaiting its reports, or at once when the calling task is cancelled.
    func waitUntilSettled() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    guard state.pending > 0, !state.cancelled else { return true }
                    state.settled = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.cancelled = true
                defer { state.settled = nil }
                return state.settled
            }
            waiter?.resume()
        }
    }

    /// Runs each follow-up handed over, concurrently, until ``close()``; then waits for those running.
    /// A discarding group: a worker that runs for months keeps nothing of the follow-ups that ended.
    func runFollowUps() async {
        await withDiscardingTaskGroup { group in
            for await followUp in followUps {
                group.addTask { await followUp() }
            }
        }
    }

    /// Takes no more follow-up work; ``runFollowUps()`` returns once the work handed over is done.
    func close() {
        followUpInput.finish()
    }
}
