import Foundation
import QuimbiCore

/// Reads the churn picture of the customer base where the data is: `customer_profiles` (with
/// `archetypes`) for the risk distribution and the archetypes, `retention_decisions` for escalations.
/// Each figure is one aggregate query; no customer row leaves PostgreSQL.
public struct ChurnRepository: Sendable {
    /// Bins of the churn-risk histogram (each a tenth of the 0–1 range).
    public static let binCount = 10
    private let pool: PostgresPool

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Customers per tenth of churn risk, every bin present (empty ones with 0).
    public func histogram() async throws -> [ChurnRiskBin] {
        let rows = try await pool.query("""
            SELECT least(width_bucket(churn_risk_score, 0, 1, $1::integer), $1::integer), count(*)
            FROM customer_profiles GROUP BY 1
            """, [String(Self.binCount)])
        var counts = [Int](repeating: 0, count: Self.binCount)
        for row in rows.rows {
            let bin = try PostgresValues.int(row[0], column: "bin")
            counts[min(max(bin, 1), Self.binCount) - 1] += try PostgresValues.int(row[1], column: "customers")
        }
        let width = 1 / Double(Self.binCount)
        return counts.enumerated().map { ChurnRiskBin(from: Double($0) * width, to: Double($0 + 1) * width, customers: $1) }
    }

    /// Customers in the low, medium and high bands, split at `mediumFrom` and `highFrom` (the policy's bands).
    public func bands(mediumFrom: Double, highFrom: Double) async throws -> [ChurnRiskBin] {
        let rows = try await pool.query("""
            SELECT count(*) FILTER (WHERE churn_risk_score < $1::float8),
                   count(*) FILTER (WHERE churn_risk_score >= $1::float8 AND churn_risk_score < $2::float8),
                   count(*) FILTER (WHERE churn_risk_score >= $2::float8)
            FROM customer_profiles
            """, [String(mediumFrom), String(highFrom)])
        guard let row = rows.rows.first else { return [] }
        return [
            ChurnRiskBin(band: "low", from: 0, to: mediumFrom, customers: try PostgresValues.int(row[0], column: "low")),
            ChurnRiskBin(band: "medium", from: mediumFrom, to: highFrom, customers: try PostgresValues.int(row[1], column: "medium")),
            ChurnRiskBin(band: "high", from: highFrom, to: 1, customers: try PostgresValues.int(row[2], column: "high")),
        ]
    }

    /// The `limit` archetypes with the most value at risk (members × mean churn risk × mean lifetime value), largest first.
    public func rankedArchetypes(limit: Int) async throws -> [RankedArchetype] {
        let rows = try await pool.query("""
            SELECT p.archetype_id, coalesce(a.label, p.archetype_id), count(*), avg(p.churn_risk_score), avg(p.lifetime_value),
                   coalesce(a.strategy, '[]'::jsonb)
            FROM customer_profiles p LEFT JOIN archetypes a ON a.id = p.archetype_id
            GROUP BY p.archetype_id, a.label, a.strategy
            ORDER BY count(*) * avg(p.churn_risk_score) * avg(p.lifetime_value) DESC, p.archetype_id
            LIMIT $1::integer
            """, [String(limit)])
        return try rows.rows.map { row throws(StoreError) in
            RankedArchetype(
                archetypeID: try PostgresValues.string(row[0], column: "archetype_id"), label: try PostgresValues.string(row[1], column: "label"),
                members: try PostgresValues.int(row[2], column: "members"), meanChurnRisk: try PostgresValues.double(row[3], column: "mean_churn_risk"),
                meanLifetimeValue: try PostgresValues.double(row[4], column: "mean_lifetime_value"),
                strategy: try PostgresValues.json([String].self, row[5], column: "strategy"))
        }
    }

    /// Escalated decisions of the last `days` days per priority, most urgent first (the ranking of ``QuimbiCore/Priority``).
    public func escalations(days: Int) async throws -> [PriorityCount] {
        let rows = try await pool.query("""
            SELECT priority, count(*) FROM retention_decisions
            WHERE escalate AND decided_at > now() - make_interval(days => $1::integer)
            GROUP BY priority
            """, [String(days)])
        let counts = try rows.rows.map { row throws(StoreError) in
            PriorityCount(priority: try PostgresValues.string(row[0], column: "priority"), escalations: try PostgresValues.int(row[1], column: "escalations"))
        }
        // Known priorities most urgent first, then any other text a recorder wrote, alphabetically.
        func rank(_ count: PriorityCount) -> Int { Priority(rawValue: count.priority).map { -Priority.allCases.firstIndex(of: $0)! } ?? 1 }
        return counts.sorted { (rank($0), $0.priority) < (rank($1), $1.priority) }
    }
}
