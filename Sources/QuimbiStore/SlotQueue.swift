/// A fixed set of reusable resources handed out one at a time; callers wait in FIFO order.
actor SlotQueue<Slot: Sendable> {
    private var free: [Slot]
    private var waiters: [CheckedContinuation<Slot, Never>] = []

    init(_ slots: [Slot]) {
        self.free = slots
    }

    func take() async -> Slot {
        if let slot = free.popLast() { return slot }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func give(_ slot: Slot) {
        if waiters.isEmpty {
            free.append(slot)
        } else {
            waiters.removeFirst().resume(returning: slot)
        }
    }
}
