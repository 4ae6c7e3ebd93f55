import Foundation

/// Guards a resource that many callers use at once and one closer releases: once closed, no caller
/// gets in, and the closer waits until every caller already inside is out before it releases the
/// resource (librdkafka's handle: a `produce` must never run on a destroyed client).
final class UseGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var users = 0
    private var closed = false

    /// Runs `body` unless the gate is closed; `nil` when it is.
    func use<T>(_ body: () -> T) -> T? {
        condition.lock()
        guard !closed else {
            condition.unlock()
            return nil
        }
        users += 1
        condition.unlock()
        defer {
            condition.lock()
            users -= 1
            if users == 0, closed { condition.broadcast() }
            condition.unlock()
        }
        return body()
    }

    /// Closes the gate; returns whether it was already closed. Callers inside may still finish.
    @discardableResult
    func close() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        defer { closed = true }
        return closed
    }

    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Blocks until no caller is inside a closed gate (call from a dedicated thread).
    func waitUntilUnused() {
        condition.lock()
        defer { condition.unlock() }
        while users > 0 { condition.wait() }
    }
}
