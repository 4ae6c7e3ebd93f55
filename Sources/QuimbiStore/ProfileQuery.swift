import Foundation
import QuimbiCore

/// The PostgreSQL side of profile lookups: one query for a batch of ids and e-mails.
enum ProfileQuery {
    /// Two index lookups (primary key, and `lower(email)`) joined by UNION ALL: a single WHERE with
    /// `id = ANY(…) OR lower(email) = ANY(…)` across the join makes PostgreSQL scan both tables.
    static let statement = PreparedStatement("profiles", sql: """
        SELECT p.customer_id, p.archetype_id, p.lifetime_value, p.total_orders, p.avg_order_value,
               date_part('epoch', p.first_purchase_at), date_part('epoch', p.last_purchase_at),
               p.churn_risk_score, p.p_alive, p.expected_purchases_90d, p.predicted_value_365d, lower(c.email)
        FROM customer_profiles p LEFT JOIN customers c ON c.id = p.customer_id
        WHERE p.customer_id = ANY($1::text[])
        UNION ALL
        SELECT p.customer_id, p.archetype_id, p.lifetime_value, p.total_orders, p.avg_order_value,
               date_part('epoch', p.first_purchase_at), date_part('epoch', p.last_purchase_at),
               p.churn_risk_score, p.p_alive, p.expected_purchases_90d, p.predicted_value_365d, lower(c.email)
        FROM customers c JOIN customer_profiles p ON p.customer_id = c.id
        WHERE lower(c.email) = ANY($2::text[])
        """)

    static func fetch(_ keys: [ProfileKey], pool: PostgresPool) async throws -> [ProfileKey: CustomerProfile] {
        var ids: [String] = []
        var emails: [String] = []
        for key in keys {
            switch key {
            case .id(let id): ids.append(id)
            case .email(let email): emails.append(email)
            }
        }
        let result = try await pool.query(statement, [PostgresValues.textArray(ids), PostgresValues.textArray(emails)]) { $0.allRows }
        let wantedIDs = Set(ids)
        let wantedEmails = Set(emails)
        var profiles: [ProfileKey: CustomerProfile] = [:]
        for row in result.rows {
            let profile = try decode(row)
            if wantedIDs.contains(profile.customerID) { profiles[.id(profile.customerID)] = profile }
            if let email = row[11], wantedEmails.contains(email) { profiles[.email(email)] = profile }
        }
        return profiles
    }

    private static func decode(_ row: [String?]) throws(StoreError) -> CustomerProfile {
        CustomerProfile(
            customerID: try PostgresValues.string(row[0], column: "customer_id"),
            archetypeID: try PostgresValues.string(row[1], column: "archetype_id"),
            lifetimeValue: try PostgresValues.double(row[2], column: "lifetime_value"),
            totalOrders: try PostgresValues.int(row[3], column: "total_orders"),
            avgOrderValue: try PostgresValues.double(row[4], column: "avg_order_value"),
            firstPurchaseAt: try PostgresValues.date(row[5], column: "first_purchase_at"),
            lastPurchaseAt: try PostgresValues.date(row[6], column: "last_purchase_at"),
            churnRiskScore: try PostgresValues.double(row[7], column: "churn_risk_score"),
            pAlive: PostgresValues.optionalDouble(row[8]),
            expectedPurchases90d: PostgresValues.optionalDouble(row[9]),
            predictedValue365d: PostgresValues.optionalDouble(row[10])
        )
    }
}
