import Foundation
import QuimbiCore

/// One customer's recent-orders lookup: whose orders, and at most how many.
struct OrderLookup: Hashable, Sendable {
    var key: ProfileKey
    var limit: Int
}

/// The PostgreSQL side of order lookups: one query for a batch of customers, by id and by e-mail.
enum OrderQuery {
    /// Each key's newest orders through the `(customer_id, created_at DESC)` index, one LATERAL
    /// lookup per key with that key's own limit; `kind` and `ordinal` say which key a row answers.
    static let statement = PreparedStatement("recent_orders", sql: """
        SELECT 'id' AS kind, k.ordinal, o.*
        FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(customer_id, row_limit, ordinal)
        CROSS JOIN LATERAL (
            SELECT id, name, customer_id, date_part('epoch', created_at) AS created_epoch, total, currency,
                   financial_status, fulfillment_status, line_items, tracking, discount_total
            FROM orders WHERE customer_id = k.customer_id ORDER BY created_at DESC, id DESC LIMIT k.row_limit
        ) o
        UNION ALL
        SELECT 'email', k.ordinal, o.*
        FROM unnest($3::text[], $4::int[]) WITH ORDINALITY AS k(email, row_limit, ordinal)
        CROSS JOIN LATERAL (
            SELECT o.id, o.name, o.customer_id, date_part('epoch', o.created_at), o.total, o.currency,
                   o.financial_status, o.fulfillment_status, o.line_items, o.tracking, o.discount_total
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE lower(c.email) = k.email ORDER BY o.created_at DESC, o.id DESC LIMIT k.row_limit
        ) o
        """)

    /// Every lookup's orders, newest first; a key without orders maps to an empty list.
    static func fetch(_ lookups: [OrderLookup], pool: PostgresPool) async throws -> [OrderLookup: [Order]] {
        var byID: [OrderLookup] = []
        var byEmail: [OrderLookup] = []
        for lookup in lookups {
            switch lookup.key {
            case .id: byID.append(lookup)
            case .email: byEmail.append(lookup)
            }
        }
        let rows = try await pool.query(statement, parameters(byID) + parameters(byEmail), reading: readRows)
        var orders = Dictionary(uniqueKeysWithValues: lookups.map { ($0, [Order]()) })
        for row in rows {
            let keys = row.byEmail ? byEmail : byID
            guard keys.indices.contains(row.ordinal - 1) else { throw StoreError.corruptRow("order row answers no lookup") }
            orders[keys[row.ordinal - 1], default: []].append(row.order)
        }
        // Each LATERAL lookup reads its rows newest first, and PostgreSQL hands them on in that order, but SQL
        // does not promise it without an ORDER BY around the whole: checked, and sorted when not so.
        for (lookup, recent) in orders where !isNewestFirst(recent) { orders[lookup] = recent.sorted(by: isNewer) }
        return orders
    }

    /// Whether `first` comes before `second` in the `orders` table's `created_at DESC, id DESC`: placed later, or at
    /// the same instant under the greater id (compared as Swift compares strings, where the database's collation
    /// may differ).
    static func isNewer(_ first: Order, _ second: Order) -> Bool {
        first.createdAt != second.createdAt ? first.createdAt > second.createdAt : first.id > second.id
    }

    /// Whether no order of `orders` is ``isNewer(_:_:)`` than the one before it.
    static func isNewestFirst(_ orders: [Order]) -> Bool {
        orders.indices.dropFirst().allSatisfy { !isNewer(orders[$0], orders[$0 - 1]) }
    }

    /// Each row's order and the lookup it answers (by e-mail or by id, and its ordinal among those), read in
    /// place from libpq's buffers.
    @Sendable
    private static func readRows(_ result: PostgresResult) throws(StoreError) -> [(byEmail: Bool, ordinal: Int, order: Order)] {
        try (0..<result.rowCount).map { row throws(StoreError) in
            guard let ordinal = result.text(row, 1).flatMap({ Int($0) }) else { throw .corruptRow("order row answers no lookup") }
            return (result.text(row, 0) == "email", ordinal, try decode(result, row: row))
        }
    }

    /// The key texts and the limits, as two array parameters.
    private static func parameters(_ lookups: [OrderLookup]) -> [String?] {
        return [PostgresValues.textArray(lookups.map(\.key.text)), PostgresValues.textArray(lookups.map { String(max(0, $0.limit)) })]
    }

    /// The order of `row`, whose columns from the third on are those of the query's `o.*` (numbered here from 0).
    private static func decode(_ result: PostgresResult, row: Int) throws(StoreError) -> Order {
        func text(_ column: Int) -> String? { result.text(row, column + 2) }
        func number(_ column: Int) -> Double? { result.number(row, column + 2) }
        func json<T: Decodable>(_ column: Int, _ name: String, _ plain: (UnsafeBufferPointer<UInt8>) -> T?) throws(StoreError) -> T {
            try result.json(row, column + 2, named: name, plain: plain)
        }
        return Order(
            id: try PostgresValues.string(text(0), column: "id"),
            name: text(1),
            customerID: try PostgresValues.string(text(2), column: "customer_id"),
            createdAt: try PostgresValues.date(number(3), column: "created_at"),
            total: try PostgresValues.double(number(4), column: "total"),
            discountTotal: PostgresValues.optionalDouble(number(10)),
            currency: try PostgresValues.string(text(5), column: "currency"),
            financialStatus: try PostgresValues.string(text(6), column: "financial_status"),
            fulfillmentStatus: try PostgresValues.string(text(7), column: "fulfillment_status"),
            lineItems: try json(8, "line_items", PlainOrderJSON.lineItems),
            tracking: try json(9, "tracking", PlainOrderJSON.tracking)
        )
    }
}
