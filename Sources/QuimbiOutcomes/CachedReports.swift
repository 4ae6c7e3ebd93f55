/// Retention and churn reports kept for a while (see ``ReportCache``): both read whole tables, and
/// their figures move by the day, not by the second.
public struct CachedReports<C: Clock<Duration>>: RetentionReporting, ChurnReporting {
    private struct RetentionQuery: Hashable, Sendable {
        var windowDays: Int
        var minimumPerArm: Int
    }

    private struct ChurnQuery: Hashable, Sendable {
        var archetypeLimit: Int
        var escalationDays: Int
    }

    private let retention: any RetentionReporting
    private let churn: any ChurnReporting
    private let retentionCache: ReportCache<RetentionQuery, RetentionReport, C>
    private let churnCache: ReportCache<ChurnQuery, ChurnReport, C>

    /// `retention` and `churn`, each report kept for `ttl` on `clock`.
    public init(retention: any RetentionReporting, churn: any ChurnReporting, ttl: Duration, clock: C) {
        self.retention = retention
        self.churn = churn
        retentionCache = ReportCache(ttl: ttl, clock: clock)
        churnCache = ReportCache(ttl: ttl, clock: clock)
    }

    public func retentionReport(windowDays: Int, minimumPerArm: Int) async throws -> RetentionReport {
        let retention = retention
        return try await retentionCache.report(for: RetentionQuery(windowDays: windowDays, minimumPerArm: minimumPerArm)) {
            try await retention.retentionReport(windowDays: windowDays, minimumPerArm: minimumPerArm)
        }
    }

    public func churnReport(archetypeLimit: Int, escalationDays: Int) async throws -> ChurnReport {
        let churn = churn
        return try await churnCache.report(for: ChurnQuery(archetypeLimit: archetypeLimit, escalationDays: escalationDays)) {
            try await churn.churnReport(archetypeLimit: archetypeLimit, escalationDays: escalationDays)
        }
    }
}
