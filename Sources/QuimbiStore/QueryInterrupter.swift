import CLibPQ
import Foundation
import Synchronization

/// Stops a statement that a connection's own thread is blocked in, from any other thread.
///
/// Each use of the connection gets a number (``schedule()``) when it is queued, and its thread
/// ``start(_:)``s it; ``interrupt(_:)`` acts on that use only, never on a later one. Interrupting
/// the running statement shuts the connection's socket down, so the blocked libpq call returns at
/// once (whatever the server does: a frozen server never answers), and asks the server to cancel
/// the statement with `PQcancel` on a thread of its own, because `PQcancel` blocks until the
/// server acknowledges. An interrupted use runs no further statement.
final class QueryInterrupter: Sendable {
    private struct Running {
        let socket: Int32
        let cancelKey: CancelKey
    }

    private struct State {
        var scheduled = 0
        var current = 0
        var interrupted = 0
        var running: Running?
        var isInterrupted: Bool { current > 0 && interrupted == current }
    }

    private let state = Mutex(State())

    /// The number of a new use, queued behind the earlier ones.
    func schedule() -> Int {
        state.withLock { state in
            state.scheduled += 1
            return state.scheduled
        }
    }

    /// The connection's thread begins use `use`.
    func start(_ use: Int) {
        state.withLock { state in
            state.current = use
            state.running = nil
        }
    }

    /// Throws when the current use was interrupted.
    func check() throws(StoreError) {
        if state.withLock({ $0.isInterrupted }) { throw .postgresInterrupted }
    }

    /// Marks a statement as running on `socket`; throws when the current use was interrupted already.
    func begin(socket: Int32, cancelKey: CancelKey) throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            if state.isInterrupted { throw .postgresInterrupted }
            state.running = Running(socket: socket, cancelKey: cancelKey)
        }
    }

    /// Marks the statement as finished; returns whether it was interrupted. The socket may be closed after this.
    func end() -> Bool {
        state.withLock { state in
            state.running = nil
            return state.isInterrupted
        }
    }

    /// Interrupts use `use`: its running statement, if any, and every later statement of it.
    func interrupt(_ use: Int) {
        let cancelKey: CancelKey? = state.withLock { state in
            guard use >= state.current else { return nil }  // that use is over
            state.interrupted = max(state.interrupted, use)
            guard use == state.current, let running = state.running else { return nil }
            // Under the lock: the owning thread cannot close (and the kernel reuse) the descriptor meanwhile.
            shutdown(running.socket, Int32(SHUT_RDWR))
            return running.cancelKey
        }
        guard let cancelKey else { return }
        Thread.detachNewThread { cancelKey.send() }
    }
}

/// A connection's `PGcancel`: what `PQcancel` needs to reach the server without the connection.
final class CancelKey: @unchecked Sendable {
    // Immutable after init; PQcancel is safe to call from any thread.
    private let handle: OpaquePointer

    /// The cancel key of `connection`, or `nil` when libpq cannot make one.
    init?(_ connection: OpaquePointer) {
        guard let handle = PQgetCancel(connection) else { return nil }
        self.handle = handle
    }

    deinit {
        PQfreeCancel(handle)
    }

    /// Asks the server to cancel the statement running on the connection; blocks until it answers.
    func send() {
        var error = [CChar](repeating: 0, count: 256)
        _ = PQcancel(handle, &error, Int32(error.count))
    }
}
