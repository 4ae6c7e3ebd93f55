import Foundation
import QuimbiCore

/// The whole order history from the `orders` table, as the segmentation engine needs it
/// (id, customer, time, total, currency; no items).
public struct OrderHistoryReader: Sendable {
    static let sql = """
        SELECT id, customer_id, date_part('epoch', created_at), total, currency
        FROM orders ORDER BY customer_id, created_at
        """
    private let pool: PostgresPool

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every stored order, grouped by customer, oldest first.
    public func allOrders() async throws -> [Order] {
        try await pool.query(Self.sql).rows.map { row throws(StoreError) in
            Order(
                id: try PostgresValues.string(row[0], column: "id"),
                customerID: try PostgresValues.string(row[1], column: "customer_id"),
                createdAt: try PostgresValues.date(row[2], column: "created_at"),
                total: try PostgresValues.double(row[3], column: "total"),
                currency: try PostgresValues.string(row[4], column: "currency"))
        }
    }
}
