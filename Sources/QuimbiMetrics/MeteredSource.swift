import CoreMetrics
import QuimbiCore

/// A lookup source whose every call is timed into `quimbi_lookup_seconds{source}`.
///
/// Wrap the worker's profile, orders and archetype sources in it; it conforms to whichever of
/// ``ProfileSource``, ``OrderSource``, ``ArchetypeSource`` and their deadline-bound forms its base conforms to. A class holding its
/// timer: every ticket looks up through it, and a struct was copied out of its existential at each call
/// (retaining its base, name and metrics), where the timer was looked up in the registry again.
public final class MeteredSource<Base: Sendable>: Sendable {
    private let base: Base
    private let timer: CoreMetrics.Timer

    /// Times the calls of `base` under the source label `name` (for example `profile`).
    public init(_ base: Base, name: String, metrics: WorkerMetrics) {
        self.base = base
        self.timer = metrics.lookupTimer(source: name)
    }

    private func timed<T>(_ body: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        defer { timer.record(duration: ContinuousClock.now - started) }
        return try await body()
    }

    /// `pending`, timed from now until the source answered (not until it is awaited: a ticket awaits its
    /// lookups one after the other); a failure is timed until it is awaited.
    private func timed<T>(_ pending: PendingLookup<T>) -> PendingLookup<T> {
        let started = ContinuousClock.now
        let timer = timer
        return PendingLookup.answered(by: {
            do {
                let answer = try await pending.answered()
                timer.record(duration: max(.zero, answer.answeredAt - started))
                return answer
            } catch {
                timer.record(duration: ContinuousClock.now - started)
                throw error
            }
        })
    }
}

extension MeteredSource: ProfileSource where Base: ProfileSource {
    public func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        try await timed { try await base.profile(for: customer) }
    }
}

extension MeteredSource: OrderSource where Base: OrderSource {
    public func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        try await timed { try await base.recentOrders(for: customer, limit: limit) }
    }
}

extension MeteredSource: ArchetypeSource where Base: ArchetypeSource {
    public func archetype(id: String) async throws -> Archetype? {
        try await timed { try await base.archetype(id: id) }
    }
}

extension MeteredSource: DeadlineBoundProfileSource where Base: DeadlineBoundProfileSource {
    public func startProfileLookup(for customer: CustomerReference, until deadline: ContinuousClock.Instant) -> PendingLookup<CustomerProfile?> {
        timed(base.startProfileLookup(for: customer, until: deadline))
    }
}

extension MeteredSource: DeadlineBoundOrderSource where Base: DeadlineBoundOrderSource {
    public func startRecentOrdersLookup(
        for customer: CustomerReference, limit: Int, until deadline: ContinuousClock.Instant
    ) -> PendingLookup<[Order]> {
        timed(base.startRecentOrdersLookup(for: customer, limit: limit, until: deadline))
    }
}

/// Timing does not make a source that answers from memory any slower to reach.
extension MeteredSource: ImmediateLookup where Base: ImmediateLookup {}
