import QuimbiCore
import QuimbiResilience
import Synchronization

/// Coalesces concurrent single lookups into batches: requests that arrive while a batch is being
/// scheduled share one call of `load` (at most `maxBatch` keys each).
///
/// A waiter that is cancelled, or whose deadline passes, returns at once; a batch that nobody waits for any
/// more is cancelled. A batch that fails in a way `splitsOnFailure` accepts is tried
/// again key by key, so one bad key fails only its own lookups.
final class LookupBatcher<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    typealias Load = @Sendable ([Key]) async throws -> [Key: Value]

    /// A waiter's answer: the value, and when its batch answered.
    private typealias Answer = (value: Value?, answeredAt: ContinuousClock.Instant)

    private struct Waiter {
        let shot: OneShot<Answer>
        let flight: Flight
        let deadline: ContinuousClock.Instant?
    }

    private struct State {
        var pending: [Key: [Waiter]] = [:]
        /// No later than the earliest deadline of `pending`'s waiters (a waiter that left may have set it).
        var earliestDeadline: ContinuousClock.Instant?
        var flight = Flight()
        var flushScheduled = false
    }

    private let maxBatch: Int
    private let load: Load
    private let splitsOnFailure: @Sendable (any Error) -> Bool
    private let state = Mutex(State())

    init(maxBatch: Int, splitsOnFailure: @escaping @Sendable (any Error) -> Bool = { _ in false }, load: @escaping Load) {
        self.maxBatch = max(1, maxBatch)
        self.splitsOnFailure = splitsOnFailure
        self.load = load
    }

    /// The value for `key`, `nil` when `load` does not know it.
    func lookup(_ key: Key) async throws -> Value? {
        try await start(key, until: nil).value()
    }

    /// Starts looking up `key`: joins the batch being formed, and returns the wait for its value.
    ///
    /// With a `deadline`, the wait ends by it: past it, it throws ``LookupError/deadlinePassed`` (the waiter
    /// leaves its batch, as a cancelled one does), whatever `load` does. One timer serves a whole batch
    /// (``armDeadline(at:of:)``), not one per waiter.
    func start(_ key: Key, until deadline: ContinuousClock.Instant?) -> PendingLookup<Value?> {
        if let deadline, ContinuousClock.now >= deadline { return PendingLookup { throw LookupError.deadlinePassed } }
        let shot = OneShot<Answer>()
        let (flight, batch, scheduleFlush) = state.withLock { state in
            let flight = state.flight
            flight.join()
            state.pending[key, default: []].append(Waiter(shot: shot, flight: flight, deadline: deadline))
            if let deadline { state.earliestDeadline = min(deadline, state.earliestDeadline ?? deadline) }
            if state.pending.count >= maxBatch { return (flight, Self.takeBatch(&state), false) }
            defer { state.flushScheduled = true }
            return (flight, nil, !state.flushScheduled)
        }
        if let batch { launch(batch) }
        if scheduleFlush { Task { await self.flushAfterYield() } }
        return PendingLookup.answered(by: { [self] in try await shot.value { abandon(shot, key: key, flight: flight) } })
    }

    private func flushAfterYield() async {
        await Task.yield()
        let batch = state.withLock { state in
            state.flushScheduled = false
            return Self.takeBatch(&state)
        }
        if let batch { launch(batch) }
    }

    /// The waiters of one batch, their earliest deadline, and their flight.
    private typealias Batch = (waiters: [Key: [Waiter]], earliestDeadline: ContinuousClock.Instant?, flight: Flight)

    private static func takeBatch(_ state: inout State) -> Batch? {
        guard !state.pending.isEmpty else { return nil }
        defer {
            state.pending = [:]
            state.earliestDeadline = nil
            state.flight = Flight()
        }
        return (state.pending, state.earliestDeadline, state.flight)
    }

    private func launch(_ batch: Batch) {
        let task = Task { [self] in
            let keys = Array(batch.waiters.keys)
            do {
                let values = try await load(keys)
                let answeredAt = ContinuousClock.now
                for (key, waiters) in batch.waiters { waiters.forEach { $0.shot.resume(with: .success((values[key], answeredAt))) } }
            } catch where keys.count > 1 && !Task.isCancelled && splitsOnFailure(error) {
                await loadEach(batch.waiters)
            } catch {
                for waiters in batch.waiters.values { waiters.forEach { $0.shot.resume(with: .failure(error)) } }
            }
        }
        batch.flight.launched(task)
        if let earliest = batch.earliestDeadline { armDeadline(at: earliest, of: batch.waiters) }
    }

    /// Arms one timer for a launched batch, at `earliest`, the earliest deadline of its waiters (known as they
    /// joined: a scan of the batch for it cost a microsecond a lookup): when it fires, the waiters whose
    /// deadline passed fail with ``LookupError/deadlinePassed`` and leave the batch, and the timer is armed
    /// again for the rest. The waiters are failed from the task pool, so that a process starved of CPU does not
    /// fail a lookup whose answer is merely queued behind other work.
    private func armDeadline(at earliest: ContinuousClock.Instant, of waiters: [Key: [Waiter]]) {
        DeadlineTimer.shared.schedule(at: earliest) { [self] in
            guard waiters.values.contains(where: { $0.contains { !$0.shot.isResolved } }) else { return }
            Task { expire(waiters) }
        }
    }

    /// Fails the waiters whose deadline passed, then arms the timer for the others.
    private func expire(_ waiters: [Key: [Waiter]]) {
        let now = ContinuousClock.now
        for (key, keyWaiters) in waiters {
            for waiter in keyWaiters {
                guard let deadline = waiter.deadline, deadline <= now,
                    waiter.shot.resume(with: .failure(LookupError.deadlinePassed))
                else { continue }
                abandon(waiter.shot, key: key, flight: waiter.flight)
            }
        }
        var earliest: ContinuousClock.Instant?
        for waiter in waiters.values.joined() where !waiter.shot.isResolved {
            if let deadline = waiter.deadline { earliest = min(deadline, earliest ?? deadline) }
        }
        if let earliest { armDeadline(at: earliest, of: waiters) }
    }

    /// Loads every key on its own, concurrently.
    private func loadEach(_ waiters: [Key: [Waiter]]) async {
        await withTaskGroup(of: Void.self) { group in
            for (key, keyWaiters) in waiters {
                group.addTask { [load] in
                    let result = await Result<Answer, any Error>(catching: { (try await load([key])[key], ContinuousClock.now) })
                    keyWaiters.forEach { $0.shot.resume(with: result) }
                }
            }
        }
    }

    /// A cancelled waiter leaves: its pending entry goes, and its batch is cancelled once nobody waits for it.
    private func abandon(_ shot: OneShot<Answer>, key: Key, flight: Flight) {
        state.withLock { state in
            guard let waiters = state.pending[key] else { return }
            let remaining = waiters.filter { $0.shot !== shot }
            state.pending[key] = remaining.isEmpty ? nil : remaining
            if state.pending.isEmpty { state.earliestDeadline = nil }
        }
        flight.leave()
    }
}

/// One batch's waiters and, once launched, its task: cancelled when the last waiter leaves.
private final class Flight: Sendable {
    private let state = Mutex<(waiting: Int, task: Task<Void, Never>?)>((0, nil))

    func join() {
        state.withLock { $0.waiting += 1 }
    }

    func leave() {
        let task: Task<Void, Never>? = state.withLock { state in
            state.waiting -= 1
            return state.waiting == 0 ? state.task : nil
        }
        task?.cancel()
    }

    func launched(_ task: Task<Void, Never>) {
        let abandoned = state.withLock { state in
            state.task = task
            return state.waiting == 0
        }
        if abandoned { task.cancel() }
    }
}
