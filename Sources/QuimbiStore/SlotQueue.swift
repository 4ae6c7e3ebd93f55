import Synchronization

/// A fixed set of reusable resources handed out one at a time; callers wait in FIFO order.
///
/// Lock-based rather than an actor: giving a slot back is synchronous and hands it straight to the
/// next waiter, so a connection never idles while a give-back waits for a turn on a busy
/// cooperative pool.
final class SlotQueue<Slot: Sendable>: Sendable {
    private struct State {
        var free: [Slot]
        var waiters: [CheckedContinuation<Slot, Never>] = []
        var head = 0
    }

    private let state: Mutex<State>

    init(_ slots: [Slot]) {
        state = Mutex(State(free: slots))
    }

    func take() async -> Slot {
        if let slot = state.withLock({ $0.free.popLast() }) { return slot }
        return await withCheckedContinuation { continuation in
            let slot: Slot? = state.withLock { state in
                if let slot = state.free.popLast() { return slot }
                state.waiters.append(continuation)
                return nil
            }
            if let slot { continuation.resume(returning: slot) }
        }
    }

    func give(_ slot: Slot) {
        let waiter: CheckedContinuation<Slot, Never>? = state.withLock { state in
            guard state.head < state.waiters.count else {
                state.free.append(slot)
                return nil
            }
            let next = state.waiters[state.head]
            state.head += 1
            if state.head == state.waiters.count {
                state.waiters.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return next
        }
        waiter?.resume(returning: slot)
    }
}
