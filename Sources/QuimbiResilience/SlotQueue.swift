import Synchronization

/// A fixed set of reusable resources handed out one at a time; callers wait in FIFO order.
///
/// Lock-based rather than an actor: giving a slot back is synchronous and hands it straight to the
/// next waiter, so a connection never idles while a give-back waits for a turn on a busy
/// cooperative pool. A waiter whose task is cancelled (its ticket's deadline passed) leaves the
/// queue at once instead of holding its ticket until a connection frees.
public final class SlotQueue<Slot: Sendable>: Sendable {
    private struct Waiter {
        let flag: CancelFlag
        let continuation: CheckedContinuation<Slot?, Never>
    }

    /// Set by a waiter's cancellation handler before it looks for the waiter in the queue, so a
    /// waiter cancelled before it was queued is never queued.
    private final class CancelFlag: Sendable {
        let isSet = Atomic(false)
    }

    private struct State {
        var free: [Slot]
        var waiters: [Waiter] = []
    }

    private let state: Mutex<State>

    /// A queue holding `slots`, all free.
    public init(_ slots: [Slot]) {
        state = Mutex(State(free: slots))
    }

    /// A free slot, waiting for one if needed. Throws `CancellationError` when the task is cancelled while waiting.
    public func take() async throws -> Slot {
        if let slot = state.withLock({ $0.free.popLast() }) { return slot }
        let flag = CancelFlag()
        let slot: Slot? = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate: Slot?? = state.withLock { state in
                    if flag.isSet.load(ordering: .sequentiallyConsistent) { return .some(nil) }
                    if let slot = state.free.popLast() { return .some(slot) }
                    state.waiters.append(Waiter(flag: flag, continuation: continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            flag.isSet.store(true, ordering: .sequentiallyConsistent)
            let waiter: Waiter? = state.withLock { state in
                state.waiters.firstIndex { $0.flag === flag }.map { state.waiters.remove(at: $0) }
            }
            waiter?.continuation.resume(returning: nil)
        }
        guard let slot else { throw CancellationError() }
        return slot
    }

    /// Returns a slot: to the first waiter, or to the free list.
    public func give(_ slot: Slot) {
        let waiter: Waiter? = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.free.append(slot)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.continuation.resume(returning: slot)
    }
}
