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
    static let sql = """
        SELECT 'id' AS kind, k.ordinal, o.*
        FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(customer_id, row_limit, ordinal)
        CROSS JOIN LATERAL (
            SELECT id, name, customer_id, extract(epoch FROM created_at)::float8 AS created_epoch, total, currency,
                   financial_status, fulfillment_status, line_items, tracking, discount_total
            FROM orders WHERE customer_id = k.customer_id ORDER BY created_at DESC, id DESC LIMIT k.row_limit
        ) o
        UNION ALL
        SELECT 'email', k.ordinal, o.*
        FROM unnest($3::text[], $4::int[]) WITH ORDINALITY AS k(email, row_limit, ordinal)
        CROSS JOIN LATERAL (
            SELECT o.id, o.name, o.customer_id, extract(epoch FROM o.created_at)::float8, o.total, o.currency,
                   o.financial_status, o.fulfillment_status, o.line_items, o.tracking, o.discount_total
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE lower(c.email) = k.email ORDER BY o.created_at DESC, o.id DESC LIMIT k.row_limit
        ) o
        ORDER BY 1, 2, 6 DESC, 3 DESC
        """

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
        let result = try await pool.query(sql, parameters(byID) + parameters(byEmail))
        var orders = Dictionary(uniqueKeysWithValues: lookups.map { ($0, [Order]()) })
        for row in result.rows {
            let keys = row[0] == "id" ? byID : byEmail
            guard let ordinal = row[1].flatMap(Int.init), keys.indices.contains(ordinal - 1) else {
                throw StoreError.corruptRow("order row answers no lookup")
            }
            orders[keys[ordinal - 1], default: []].append(try decode(Array(row.dropFirst(2))))
        }
        return orders
    }

    /// The key texts and the limits, as two array parameters.
    private static func parameters(_ lookups: [OrderLookup]) -> [String?] {
        return [PostgresValues.textArray(lookups.map(\.key.text)), PostgresValues.textArray(lookups.map { String(max(0, $0.limit)) })]
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
            lineItems: try PostgresValues.json(row[8], column: "line_items", plain: PlainOrderJSON.lineItems),
            tracking: try PostgresValues.json(row[9], column: "tracking", plain: PlainOrderJSON.tracking)
        )
    }
}
