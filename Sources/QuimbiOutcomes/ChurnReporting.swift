import Foundation
import QuimbiStore

/// Builds churn reports on demand (for `GET /api/reports/churn` and the dashboard).
public protocol ChurnReporting: Sendable {
    /// The report as of now: the `archetypeLimit` archetypes with the most value at risk, escalations of the last `escalationDays` days.
    func churnReport(archetypeLimit: Int, escalationDays: Int) async throws -> ChurnReport
}

/// Churn reports from the profiles, archetypes and decisions in PostgreSQL, banded as the policy bands churn risk.
public struct StoredChurnReports: ChurnReporting {
    private let churn: ChurnRepository
    private let mediumFrom: Double
    private let highFrom: Double

    /// Reads through `pool`; churn risk from `mediumFrom` is the medium band, from `highFrom` the high band.
    public init(pool: PostgresPool, mediumFrom: Double, highFrom: Double) {
        churn = ChurnRepository(pool: pool)
        self.mediumFrom = mediumFrom
        self.highFrom = highFrom
    }

    public func churnReport(archetypeLimit: Int, escalationDays: Int) async throws -> ChurnReport {
        async let bands = churn.bands(mediumFrom: mediumFrom, highFrom: highFrom)
        async let histogram = churn.histogram()
        async let archetypes = churn.rankedArchetypes(limit: archetypeLimit)
        async let escalations = churn.escalations(days: escalationDays)
        return ChurnReport(
            asOf: Date(), bands: try await bands, histogram: try await histogram, archetypes: try await archetypes,
            escalationDays: escalationDays, escalations: try await escalations)
    }
}
