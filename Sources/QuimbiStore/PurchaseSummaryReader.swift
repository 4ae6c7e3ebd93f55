import Foundation
import QuimbiSegmentation

/// The customers' features computed by PostgreSQL from the `orders` table in ONE aggregate query
/// (orders → purchase days → one row per customer), streamed a row at a time: the orders never
/// leave the database, and memory grows with customers, not with orders.
///
/// The query applies ``FeatureAccumulator``'s rules: orders after the cut-off and orders whose total
/// is negative or not finite are left out (and counted); order ids are unique in the table.
public struct PurchaseSummaryReader: Sendable {
    /// `$1`: the cut-off in seconds since 1970, or NULL for the start of the UTC day after the latest order.
    static let sql = """
        WITH bounds AS (
            SELECT coalesce($1::float8, (floor(extract(epoch FROM max(created_at))::float8 / 86400) + 1) * 86400) AS as_of
            FROM orders
        ), classified AS (
            SELECT o.customer_id, extract(epoch FROM o.created_at)::float8 AS at, o.total,
                   extract(epoch FROM o.created_at)::float8 > b.as_of AS late,
                   NOT (o.total >= 0 AND o.total < 'Infinity'::float8) AS bad_total
            FROM orders o CROSS JOIN bounds b
        ), days AS (
            SELECT customer_id, floor(at / 86400)::int8 AS day,
                   count(*) FILTER (WHERE NOT late AND NOT bad_total) AS orders,
                   sum(total) FILTER (WHERE NOT late AND NOT bad_total) AS value,
                   min(at) FILTER (WHERE NOT late AND NOT bad_total) AS first_at,
                   max(at) FILTER (WHERE NOT late AND NOT bad_total) AS last_at,
                   count(*) FILTER (WHERE late) AS late_orders,
                   count(*) FILTER (WHERE NOT late AND bad_total) AS bad_totals
            FROM classified GROUP BY customer_id, floor(at / 86400)
        ), ranked AS (
            SELECT days.*, min(day) FILTER (WHERE orders > 0) OVER (PARTITION BY customer_id) AS first_day FROM days
        )
        SELECT customer_id, first_day, max(day) FILTER (WHERE orders > 0), count(*) FILTER (WHERE orders > 0),
               coalesce(sum(value) FILTER (WHERE day > first_day), 0), coalesce(sum(value), 0), sum(orders),
               min(first_at), max(last_at), sum(late_orders), sum(bad_totals), (SELECT as_of FROM bounds)
        FROM ranked GROUP BY customer_id, first_day
        """
    private let pool: PostgresPool

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every customer's features as of `cutoff` (default: the start of the UTC day after the latest
    /// order), ordered by customer id, with what was left out; `asOf` is `nil` when there are no orders.
    public func features(cutoff: Date?, timeUnit: Double = 1) async throws -> (features: [CustomerFeatures], report: FeatureReport, asOf: Date?) {
        let parameters = [cutoff.map(PostgresValues.epoch)]
        return try await pool.withConnection { connection in
            var features: [CustomerFeatures] = []
            var report = FeatureReport()
            var asOf: Date?
            try connection.stream(Self.sql, parameters) { row throws(StoreError) in
                let end = try PostgresValues.date(row[11], column: "as_of")
                asOf = end
                report.ordersAfterAsOf += try PostgresValues.int(row[9], column: "late_orders")
                report.negativeTotals += try PostgresValues.int(row[10], column: "bad_totals")
                guard let firstDay = row[1] else { return }  // only orders that were left out
                features.append(CustomerFeatures(try Self.summary(row, firstDay: firstDay), asOf: end, timeUnit: timeUnit))
            }
            features.sort { $0.customerID < $1.customerID }
            return (features, report, features.isEmpty ? nil : asOf)
        }
    }

    private static func summary(_ row: [String?], firstDay: String) throws(StoreError) -> PurchaseSummary {
        PurchaseSummary(
            customerID: try PostgresValues.string(row[0], column: "customer_id"),
            firstDay: try PostgresValues.int(firstDay, column: "first_day"),
            lastDay: try PostgresValues.int(row[2], column: "last_day"),
            purchaseDays: try PostgresValues.int(row[3], column: "purchase_days"),
            repeatValue: try PostgresValues.double(row[4], column: "repeat_value"),
            totalValue: try PostgresValues.double(row[5], column: "total_value"),
            orderCount: try PostgresValues.int(row[6], column: "orders"),
            firstPurchaseAt: try PostgresValues.date(row[7], column: "first_at"),
            lastPurchaseAt: try PostgresValues.date(row[8], column: "last_at"))
    }
}
