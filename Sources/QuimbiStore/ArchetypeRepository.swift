import Foundation
import QuimbiCore

/// Archetype descriptions from the `archetypes` table.
public struct ArchetypeRepository: ArchetypeSource {
    static let sql = """
        SELECT id, label, dimensions, members, avg_lifetime_value, avg_orders, churn_distribution, behaviours, strategy
        FROM archetypes WHERE id = $1
        """
    private let pool: PostgresPool

    /// Reads archetypes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The archetype with this id, `nil` when unknown; PostgreSQL failures throw a transient ``LookupError``.
    public func archetype(id: String) async throws -> Archetype? {
        do {
            return try await pool.query(Self.sql, [id]).rows.first.map(Self.decode)
        } catch let error as StoreError {
            throw error.asLookupError
        }
    }

    /// Every archetype of the last segmentation run.
    public func all() async throws -> [Archetype] {
        try await pool.query(Self.allSQL, []).rows.map(Self.decode)
    }

    static let allSQL = """
        SELECT id, label, dimensions, members, avg_lifetime_value, avg_orders, churn_distribution, behaviours, strategy
        FROM archetypes ORDER BY id
        """

    private static func decode(_ row: [String?]) throws(StoreError) -> Archetype {
        Archetype(
            id: try PostgresValues.string(row[0], column: "id"),
            label: try PostgresValues.string(row[1], column: "label"),
            dimensions: try PostgresValues.json([String: String].self, row[2], column: "dimensions"),
            members: try PostgresValues.int(row[3], column: "members"),
            avgLifetimeValue: try PostgresValues.double(row[4], column: "avg_lifetime_value"),
            avgOrders: try PostgresValues.double(row[5], column: "avg_orders"),
            churnDistribution: try PostgresValues.json([String: Double].self, row[6], column: "churn_distribution"),
            behaviours: try PostgresValues.json([String].self, row[7], column: "behaviours"),
            strategy: try PostgresValues.json([String].self, row[8], column: "strategy")
        )
    }
}
