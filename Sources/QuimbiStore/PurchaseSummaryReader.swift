import Foundation
import QuimbiSegmentation

/// The customers' features computed by PostgreSQL from the `orders` table in ONE aggregate query
/// (orders → purchase days → one row per customer), streamed a row at a time: the orders never
/// leave the database, and memory grows with customers, not with orders.
///
/// The query applies ``FeatureAccumulator``'s rules: orders after the cut-off and orders whose total
/// is negative or not finite are left out (and counted); order ids are unique in the table.
public struct PurchaseSummaryReader: Sendable {
    /// `$1`: the cut-off in seconds since 1970, or NULL for the start of the UTC day after the latest
    /// order. The counts of left-out orders are the same in every row (computed once).
    static let sql = """
        WITH bounds AS (
            SELECT coalesce($1::float8, (floor(date_part('epoch', max(created_at)) / 86400) + 1) * 86400) AS as_of FROM orders
        ), kept AS (
            SELECT customer_id, date_part('epoch', created_at) AS at, total FROM orders
            WHERE date_part('epoch', created_at) <= (SELECT as_of FROM bounds) AND total >= 0 AND total < 'Infinity'::float8
        ), days AS (
            SELECT customer_id, floor(at / 86400)::int8 AS day, sum(total) AS value, count(*) AS orders,
                   min(at) AS first_at, max(at) AS last_at
            FROM kept GROUP BY 1, 2
        )
        SELECT customer_id, min(day), max(day), count(*), sum(value) - (array_agg(value ORDER BY day))[1], sum(value),
               sum(orders), min(first_at), max(last_at),
               (SELECT count(*) FROM orders WHERE date_part('epoch', created_at) > (SELECT as_of FROM bounds)),
               (SELECT count(*) FROM orders WHERE date_part('epoch', created_at) <= (SELECT as_of FROM bounds)
                                                AND NOT (total >= 0 AND total < 'Infinity'::float8)),
               (SELECT as_of FROM bounds)
        FROM days GROUP BY customer_id
        """
    private let pool: PostgresPool

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every customer's features as of `cutoff` (default: the start of the UTC day after the latest
    /// order), ordered by customer id, with what was left out; `asOf` is `nil` when no order is kept.
    public func features(cutoff: Date?, timeUnit: Double = 1) async throws -> (features: [CustomerFeatures], report: FeatureReport, asOf: Date?) {
        let parameters = [cutoff.map(PostgresValues.epoch)]
        return try await pool.withConnection { connection in
            var features: [CustomerFeatures] = []
            var report = FeatureReport()
            var asOf: Date?
            try connection.stream(Self.sql, parameters) { row throws(StoreError) in
                let end = try PostgresValues.date(row[11], column: "as_of")
                if asOf == nil {
                    asOf = end
                    report.ordersAfterAsOf = try PostgresValues.int(row[9], column: "late_orders")
                    report.negativeTotals = try PostgresValues.int(row[10], column: "bad_totals")
                }
                features.append(CustomerFeatures(try Self.summary(row), asOf: end, timeUnit: timeUnit))
            }
            features.sort { $0.customerID < $1.customerID }
            return (features, report, asOf)
        }
    }

    private static func summary(_ row: [String?]) throws(StoreError) -> PurchaseSummary {
        PurchaseSummary(
            customerID: try PostgresValues.string(row[0], column: "customer_id"),
            firstDay: try PostgresValues.int(row[1], column: "first_day"),
            lastDay: try PostgresValues.int(row[2], column: "last_day"),
            purchaseDays: try PostgresValues.int(row[3], column: "purchase_days"),
            repeatValue: try PostgresValues.double(row[4], column: "repeat_value"),
            totalValue: try PostgresValues.double(row[5], column: "total_value"),
            orderCount: try PostgresValues.int(row[6], column: "orders"),
            firstPurchaseAt: try PostgresValues.date(row[7], column: "first_at"),
            lastPurchaseAt: try PostgresValues.date(row[8], column: "last_at"))
    }
}
