import CLibPQ
import Foundation
import Synchronization

/// Stops a statement that a connection's own thread is blocked in, from any other thread.
///
/// ``interrupt()`` shuts the connection's socket down, so the blocked libpq call returns at once
/// (whatever the server does: a frozen server never answers), and asks the server to cancel the
/// statement with `PQcancel` on a thread of its own, because `PQcancel` blocks until the server
/// acknowledges. An interrupt between statements makes the next statement of the same use fail at once.
final class QueryInterrupter: Sendable {
    private struct Running {
        let socket: Int32
        let cancelKey: CancelKey
    }

    private struct State {
        var running: Running?
        var interrupted = false
    }

    private let state = Mutex(State())

    /// Starts a new use of the connection: earlier interrupts are forgotten.
    func reset() {
        state.withLock { $0 = State() }
    }

    /// Throws when this use was interrupted.
    func check() throws(StoreError) {
        if state.withLock({ $0.interrupted }) { throw .postgresInterrupted }
    }

    /// Marks a statement as running on `socket`; throws when this use was interrupted already.
    func begin(socket: Int32, cancelKey: CancelKey) throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            if state.interrupted { throw .postgresInterrupted }
            state.running = Running(socket: socket, cancelKey: cancelKey)
        }
    }

    /// Marks the statement as finished; returns whether it was interrupted. The socket may be closed after this.
    func end() -> Bool {
        state.withLock { state in
            state.running = nil
            return state.interrupted
        }
    }

    /// Interrupts the running statement, if any, and every later one of this use.
    func interrupt() {
        let cancelKey: CancelKey? = state.withLock { state in
            state.interrupted = true
            guard let running = state.running else { return nil }
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
