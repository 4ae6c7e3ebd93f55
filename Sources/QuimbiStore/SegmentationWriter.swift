import Foundation
import QuimbiCore

/// Describes one `quimbi segment` run for the `segmentation_runs` table.
public struct SegmentationRun: Sendable {
    public var startedAt: Date
    public var finishedAt: Date
    /// Parameters of the run (model fit, thresholds, …) as a JSON object.
    public var parameters: [String: String]

    /// Creates a run description.
    public init(startedAt: Date, finishedAt: Date, parameters: [String: String] = [:]) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.parameters = parameters
    }
}

/// Replaces profiles and archetypes with a segmentation result in ONE transaction and starts a
/// new cache generation, so no reader ever sees a half-written run or a stale cached profile.
public struct SegmentationWriter: Sendable {
    static let profiles = BatchUpsert(
        table: "customer_profiles",
        columns: [.init("customer_id"), .init("archetype_id"), .init("lifetime_value", "$::float8"),
                  .init("total_orders", "$::int"), .init("avg_order_value", "$::float8"),
                  .init("first_purchase_at", "to_timestamp($::float8)"),
                  .init("last_purchase_at", "to_timestamp($::float8)"), .init("churn_risk_score", "$::float8"),
                  .init("p_alive", "$::float8"), .init("expected_purchases_90d", "$::float8"),
                  .init("predicted_value_365d", "$::float8")],
        // Only segmentation runs write profiles, one at a time (they lock `segmentation_runs` first).
        key: "customer_id", merging: .soleWriter)
    static let archetypes = BatchUpsert(
        table: "archetypes",
        columns: [.init("id"), .init("label"), .init("dimensions", "$::jsonb"), .init("members", "$::int"),
                  .init("avg_lifetime_value", "$::float8"), .init("avg_orders", "$::float8"),
                  .init("churn_distribution", "$::jsonb"), .init("behaviours", "$::jsonb"),
                  .init("strategy", "$::jsonb")],
        key: "id")
    private let pool: PostgresPool

    /// Writes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Writes the run; profiles and archetypes absent from it are deleted. Returns the new cache generation.
    @discardableResult
    public func write(profiles: [CustomerProfile], archetypes: [Archetype], run: SegmentationRun) async throws -> Int64 {
        let archetypeRows = archetypes.map(Self.row)
        let archetypeIDs = PostgresValues.textArray(archetypes.map(\.id))
        let runRow = [PostgresValues.epoch(run.startedAt), PostgresValues.epoch(run.finishedAt),
                      PostgresValues.jsonText(run.parameters)]
        return try await pool.transaction { connection in
            _ = try connection.execute("LOCK TABLE segmentation_runs IN EXCLUSIVE MODE", [])
            _ = try Self.archetypes.run(archetypeRows, on: connection)
            _ = try Self.profiles.run(profiles, key: \.customerID, row: Self.row, on: connection)
            _ = try connection.execute("""
                DELETE FROM customer_profiles p
                WHERE NOT EXISTS (SELECT 1 FROM \(Self.profiles.incoming) i WHERE i.customer_id = p.customer_id)
                """, [])
            _ = try connection.execute("DELETE FROM archetypes WHERE NOT (id = ANY($1::text[]))", [archetypeIDs])
            let inserted = try connection.execute("""
                INSERT INTO segmentation_runs (started_at, finished_at, parameters, cache_generation)
                SELECT to_timestamp($1::float8), to_timestamp($2::float8), $3::jsonb,
                       coalesce(max(cache_generation), 0) + 1 FROM segmentation_runs
                RETURNING cache_generation
                """, runRow)
            guard let text = inserted.rows.first?.first ?? nil, let generation = Int64(text) else {
                throw StoreError.corruptRow("segmentation_runs returned no cache generation")
            }
            return generation
        }
    }

    static func row(_ profile: CustomerProfile) -> [String?] {
        [profile.customerID, profile.archetypeID, String(profile.lifetimeValue), String(profile.totalOrders),
         String(profile.avgOrderValue), PostgresValues.epoch(profile.firstPurchaseAt),
         PostgresValues.epoch(profile.lastPurchaseAt), String(profile.churnRiskScore),
         PostgresValues.finite(profile.pAlive), PostgresValues.finite(profile.expectedPurchases90d),
         PostgresValues.finite(profile.predictedValue365d)]
    }

    static func row(_ archetype: Archetype) -> [String?] {
        [archetype.id, archetype.label, PostgresValues.jsonText(archetype.dimensions), String(archetype.members),
         String(archetype.avgLifetimeValue), String(archetype.avgOrders),
         PostgresValues.jsonText(archetype.churnDistribution), PostgresValues.jsonText(archetype.behaviours),
         PostgresValues.jsonText(archetype.strategy)]
    }
}
