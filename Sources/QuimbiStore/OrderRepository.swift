import Foundation
import QuimbiCore

/// A customer's recent orders from the `orders` table, newest first.
public struct OrderRepository: OrderSource {
    static let byIDSQL = """
        SELECT id, name, customer_id, extract(epoch FROM created_at)::float8, total, currency,
               financial_status, fulfillment_status, line_items, tracking, discount_total
        FROM orders WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
        """
    static let byEmailSQL = """
        SELECT o.id, o.name, o.customer_id, extract(epoch FROM o.created_at)::float8, o.total, o.currency,
               o.financial_status, o.fulfillment_status, o.line_items, o.tracking, o.discount_total
        FROM orders o JOIN customers c ON c.id = o.customer_id
        WHERE lower(c.email) = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT $2
        """
    private let pool: PostgresPool

    /// Reads orders through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Up to `limit` most recent orders, newest first; PostgreSQL failures throw a transient ``LookupError``.
    public func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        guard let key = ProfileKey(customer), limit > 0 else { return [] }
        let (sql, value): (String, String) = switch key {
        case .id(let id): (Self.byIDSQL, id)
        case .email(let email): (Self.byEmailSQL, email)
        }
        do {
            return try await pool.query(sql, [value, String(limit)]).rows.map(Self.decode)
        } catch let error as StoreError {
            throw error.asLookupError
        }
    }

    private static func decode(_ row: [String?]) throws(StoreError) -> Order {
        Order(
            id: try PostgresValues.string(row[0], column: "id"),
            name: row[1],
            customerID: try PostgresValues.string(row[2], column: "customer_id"),
            createdAt: try PostgresValues.date(row[3], column: "created_at"),
            total: try PostgresValues.double(row[4], column: "total"),
            discountTotal: PostgresValues.optionalDouble(row[10]),
            currency: try PostgresValues.string(row[5], column: "currency"),
            financialStatus: try PostgresValues.string(row[6], column: "financial_status"),
            fulfillmentStatus: try PostgresValues.string(row[7], column: "fulfillment_status"),
            lineItems: try PostgresValues.json([LineItem].self, row[8], column: "line_items"),
            tracking: try PostgresValues.json([Tracking].self, row[9], column: "tracking")
        )
    }
}
