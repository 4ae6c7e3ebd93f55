import Foundation
import QuimbiStore

/// Builds retention reports on demand (for `GET /api/reports/retention`).
public protocol RetentionReporting: Sendable {
    /// The report as of now over decisions whose `windowDays` window has closed.
    func retentionReport(windowDays: Int, minimumPerArm: Int) async throws -> RetentionReport
}

/// Retention reports from the decisions and orders in PostgreSQL.
public struct StoredRetentionReports: RetentionReporting {
    private let outcomes: OutcomeRepository

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        outcomes = OutcomeRepository(pool: pool)
    }

    public func retentionReport(windowDays: Int, minimumPerArm: Int) async throws -> RetentionReport {
        let asOf = Date()
        let tallies = try await outcomes.offerTallies(withinDays: windowDays, asOf: asOf)
        return RetentionReport(tallies: tallies, asOf: asOf, windowDays: windowDays, minimumPerArm: minimumPerArm)
    }
}
