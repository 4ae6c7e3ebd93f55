import Synchronization

/// Records whose outputs are queued for delivery and whose reports have not all come back, and the
/// follow-up work a failed report hands back to the run (retrying, dead-lettering).
///
/// A delivery report arrives on the producer's thread, after the record's task has ended. So that a
/// run drains them as it drains its tasks, every such record counts from ``begin()`` to
/// ``end(followUp:)``, and a follow-up counts until it returns. A follow-up runs in a task of its own,
/// which cancelling the run's wait (``waitUntilSettled()``) cancels: none is ever dropped unrun, so each
/// ends its record, finished or given up.
final class PendingDeliveries: Sendable {
    typealias FollowUp = @Sendable () async -> Void

    private struct State {
        /// Records awaiting their reports, and follow-ups still running.
        var pending = 0
        /// Set by ``close()`` or a cancelled wait: no new follow-up starts.
        var closed = false
        var followUps: [Int: Task<Void, Never>] = [:]
        var nextFollowUp = 0
        var settled: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Counts a record whose delivery is now awaited.
    func begin() {
        state.withLock { $0.pending += 1 }
    }

    /// Ends the wait for a record's reports, starting `followUp` (if any) first. Returns `false` when
    /// the run takes no more follow-up work (it has stopped): the caller then gives the record up.
    @discardableResult
    func end(followUp: FollowUp? = nil) -> Bool {
        let started = state.withLock { state -> Bool in
            guard let followUp else { return true }
            guard !state.closed else { return false }
            let id = state.nextFollowUp
            state.nextFollowUp += 1
            state.pending += 1
            state.followUps[id] = Task {
                await followUp()
                self.followUpReturned(id)
            }
            return true
        }
        settleOne()
        return started
    }

    private func followUpReturned(_ id: Int) {
        state.withLock { _ = $0.followUps.removeValue(forKey: id) }
        settleOne()
    }

    private func settleOne() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.pending -= 1
            guard state.pending == 0 else { return nil }
            defer { state.settled = nil }
            return state.settled
        }
        waiter?.resume()
    }

    /// Returns once no record awaits its reports and no follow-up runs. Cancelling the calling task
    /// ends the wait at once: it closes, and cancels the running follow-ups (they give their records up).
    func waitUntilSettled() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    guard state.pending > 0, !Task.isCancelled else { return true }
                    state.settled = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let (waiter, running) = state.withLock { state in
                state.closed = true
                defer { state.settled = nil }
                return (state.settled, Array(state.followUps.values))
            }
            running.forEach { $0.cancel() }
            waiter?.resume()
        }
    }

    /// Starts no more follow-ups; those running go on.
    func close() {
        state.withLock { $0.closed = true }
    }
}
