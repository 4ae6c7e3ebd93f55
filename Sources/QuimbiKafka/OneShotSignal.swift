import Synchronization

/// A latch that is set once, from any thread, and awaited by any number of tasks.
public final class OneShotSignal: Sendable {
    private struct State {
        var isSet = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets the latch and resumes every waiter. Later calls do nothing.
    public func signal() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.isSet else { return [] }
            state.isSet = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    public var isSet: Bool { state.withLock { $0.isSet } }

    /// Returns once the latch is set.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let alreadySet = state.withLock { state -> Bool in
                if state.isSet { return true }
                state.waiters.append(continuation)
                return false
            }
            if alreadySet { continuation.resume() }
        }
    }
}
