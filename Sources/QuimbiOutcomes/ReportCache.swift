import Synchronization

/// Keeps each report for `ttl` after it was built and builds one at a time per key: a dashboard that
/// several managers keep reloading costs one database query per key and `ttl`, not one per page view.
/// A build that fails is not kept; the next request tries again.
public final class ReportCache<Key: Hashable & Sendable, Report: Sendable, C: Clock<Duration>>: Sendable {
    private struct Kept: Sendable {
        var report: Report
        var builtAt: C.Instant
    }

    private let ttl: Duration
    private let clock: C
    private struct Build: Sendable {
        var task: Task<Report, any Error>
        /// Callers waiting for it.
        var callers: Int
    }

    private let kept = Mutex<[Key: Kept]>([:])
    private let building = Mutex<[Key: Build]>([:])

    /// A cache keeping reports for `ttl` on `clock`.
    public init(ttl: Duration, clock: C) {
        self.ttl = ttl
        self.clock = clock
    }

    /// The report kept for `key` if it is younger than `ttl`, else the one `build` makes (shared with
    /// every caller that asks for `key` while it is being built).
    public func report(for key: Key, build: @escaping @Sendable () async throws -> Report) async throws -> Report {
        let now = clock.now
        if let fresh = kept.withLock({ $0[key] }), fresh.builtAt.duration(to: now) < ttl { return fresh.report }
        let task = building.withLock { builds in
            builds[key, default: Build(task: Task { try await build() }, callers: 0)].callers += 1
            return builds[key]!.task
        }
        defer {
            building.withLock { builds in
                guard let running = builds[key], running.task == task else { return }
                builds[key]?.callers -= 1
                if running.callers == 1 { builds[key] = nil }
            }
        }
        let report = try await task.value
        kept.withLock { $0[key] = Kept(report: report, builtAt: now) }
        return report
    }

    /// How many callers wait for the report of `key` being built (for tests).
    func callersWaiting(for key: Key) -> Int {
        building.withLock { $0[key]?.callers ?? 0 }
    }
}
