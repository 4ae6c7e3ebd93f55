import Foundation
import QuimbiSegmentation

/// The customers' features computed by PostgreSQL from the `orders` table by aggregate queries
/// (orders → purchase days → one row per customer), streamed a row at a time: the orders never
/// leave the database, and memory grows with customers, not with orders.
///
/// The customers are split by a hash of their id into ``partitions`` queries, run at once over as many
/// connections, each by one server process (parallel workers are turned off for them: partial sums
/// gathered from workers in varying order made the features differ in their last bits from run to run).
/// Each query reads its own snapshot: a customer's features come from one point in time, the customers of
/// two partitions from two points a moment apart (as when orders are loaded while the run reads).
///
/// The queries apply ``FeatureAccumulator``'s rules: orders after the cut-off and orders whose total
/// is negative or not finite are left out (and counted); order ids are unique in the table.
public struct PurchaseSummaryReader: Sendable {
    /// The start of the UTC day after the latest order, in seconds since 1970; NULL without orders.
    static let asOfSQL = "SELECT (floor(date_part('epoch', max(created_at)) / 86400) + 1) * 86400 FROM orders"

    /// `$1`: the cut-off in seconds since 1970; `$2`: the number of partitions; `$3`: this partition. One row
    /// per customer of the partition with an order: the features of the orders kept (NULL without any), then
    /// the customer's orders after the cut-off and kept out for their total. The orders are grouped in one
    /// pass (the customers' index holds the three columns read), left-out orders included, so that they are
    /// counted without a second scan.
    static let partitionSQL = """
        WITH days AS (
            SELECT customer_id, floor(at / 86400)::int8 AS day,
                   sum(total) FILTER (WHERE kept) AS value, count(*) FILTER (WHERE kept) AS orders,
                   min(at) FILTER (WHERE kept) AS first_at, max(at) FILTER (WHERE kept) AS last_at,
                   count(*) FILTER (WHERE at > $1::float8) AS late, count(*) FILTER (WHERE NOT kept AND at <= $1::float8) AS bad
            FROM (SELECT customer_id, date_part('epoch', created_at) AS at, total,
                         date_part('epoch', created_at) <= $1::float8 AND total >= 0 AND total < 'Infinity'::float8 AS kept
                  FROM orders WHERE (hashtext(customer_id) & 2147483647) % $2::int = $3::int) o
            GROUP BY 1, 2
        )
        SELECT customer_id, min(day) FILTER (WHERE orders > 0), max(day) FILTER (WHERE orders > 0),
               count(*) FILTER (WHERE orders > 0), sum(value) - (array_agg(value ORDER BY day) FILTER (WHERE orders > 0))[1],
               sum(value), sum(orders), min(first_at), max(last_at), sum(late), sum(bad)
        FROM days GROUP BY customer_id
        """
    private let pool: PostgresPool
    /// How many queries the customers are split into (at least 1).
    public let partitions: Int

    /// Reads through `pool`, in `partitions` queries at once (2 by default, one per core of a small server:
    /// a million customers took 5.6 s in one query); a pool smaller than that runs them in turn.
    public init(pool: PostgresPool, partitions: Int = 2) {
        self.pool = pool
        self.partitions = max(1, partitions)
    }

    /// Every customer's features as of `cutoff` (default: the start of the UTC day after the latest
    /// order), ordered by customer id, with what was left out; `asOf` is `nil` when no order is kept.
    public func features(cutoff: Date?, timeUnit: Double = 1) async throws -> (features: [CustomerFeatures], report: FeatureReport, asOf: Date?) {
        guard let end = try await asOf(cutoff: cutoff) else { return ([], FeatureReport(), nil) }
        let partitions = self.partitions
        let parameters = [PostgresValues.epoch(end), String(partitions)]
        var features: [CustomerFeatures] = []
        var report = FeatureReport()
        try await withThrowingTaskGroup(of: (features: [CustomerFeatures], report: FeatureReport).self) { group in
            for partition in 0..<partitions {
                group.addTask { [pool] in
                    try await pool.withConnection { connection in
                        try Self.read(on: connection, parameters + [String(partition)], asOf: end, timeUnit: timeUnit)
                    }
                }
            }
            for try await part in group {
                features += part.features
                report.ordersAfterAsOf += part.report.ordersAfterAsOf
                report.negativeTotals += part.report.negativeTotals
            }
        }
        features.sort { $0.customerID < $1.customerID }
        return (features, report, features.isEmpty ? nil : end)
    }

    /// `cutoff`, or the start of the UTC day after the latest order; `nil` without orders.
    private func asOf(cutoff: Date?) async throws -> Date? {
        if let cutoff { return cutoff }
        let value = try await pool.query(Self.asOfSQL).rows.first?.first ?? nil
        return try value.map { value throws(StoreError) in try PostgresValues.date(value, column: "as_of") }
    }

    /// One partition's customers, streamed from `connection`.
    private static func read(on connection: PostgresConnectionHandle, _ parameters: [String?], asOf: Date, timeUnit: Double)
        throws -> (features: [CustomerFeatures], report: FeatureReport)
    {
        var features: [CustomerFeatures] = []
        var report = FeatureReport()
        _ = try connection.execute("SET max_parallel_workers_per_gather = 0", [])
        defer { _ = try? connection.execute("RESET max_parallel_workers_per_gather", []) }
        // Each row read in place, while both of the machine's cores aggregate: the read of a million customers took
        // 1.1 s of processor time with eleven `String`s a row, 0.8 s without (perf).
        try connection.stream(partitionSQL, parameters) { (row: PostgresResult) throws(StoreError) in
            report.ordersAfterAsOf += try PostgresValues.int(row.integer(0, 9), column: "late_orders")
            report.negativeTotals += try PostgresValues.int(row.integer(0, 10), column: "bad_totals")
            guard !row.isNull(0, 1) else { return }
            features.append(CustomerFeatures(try summary(row), asOf: asOf, timeUnit: timeUnit))
        }
        return (features, report)
    }

    private static func summary(_ row: PostgresResult) throws(StoreError) -> PurchaseSummary {
        PurchaseSummary(
            customerID: try PostgresValues.string(row.text(0, 0), column: "customer_id"),
            firstDay: try PostgresValues.int(row.integer(0, 1), column: "first_day"),
            lastDay: try PostgresValues.int(row.integer(0, 2), column: "last_day"),
            purchaseDays: try PostgresValues.int(row.integer(0, 3), column: "purchase_days"),
            repeatValue: try PostgresValues.double(row.number(0, 4), column: "repeat_value"),
            totalValue: try PostgresValues.double(row.number(0, 5), column: "total_value"),
            orderCount: try PostgresValues.int(row.integer(0, 6), column: "orders"),
            firstPurchaseAt: try PostgresValues.date(row.number(0, 7), column: "first_at"),
            lastPurchaseAt: try PostgresValues.date(row.number(0, 8), column: "last_at"))
    }
}
