import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// JSON has no NaN or infinity: a draft built from such a number cannot be encoded. The schema
/// refuses them from migration 002 on; rows written before are sanitised when read.
@Suite(.enabled(if: TestServers.available))
struct NonFiniteNumberTests {
    static func insertProfile(_ pool: PostgresPool, id: String, lifetimeValue: String, pAlive: String) async throws {
        _ = try await pool.query("""
            INSERT INTO customer_profiles (customer_id, archetype_id, lifetime_value, total_orders, avg_order_value,
                first_purchase_at, last_purchase_at, churn_risk_score, p_alive, expected_purchases_90d, predicted_value_365d)
            VALUES ($1, 'arch_000001', $2::float8, 3, 60, now(), now(), 0.5, $3::float8, 'Infinity', 12)
            """, [id, lifetimeValue, pAlive])
    }

    @Test func oldNonFiniteRowsAreSanitisedOnReadAndNewOnesRefused() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 2)
        try await Migrator(pool: pool, migrations: Array(Migrator.known.prefix(1))).migrate()
        try await Self.insertProfile(pool, id: "finite", lifetimeValue: "180", pAlive: "0.7")
        try await Self.insertProfile(pool, id: "nan-optional", lifetimeValue: "180", pAlive: "NaN")
        try await Self.insertProfile(pool, id: "nan-required", lifetimeValue: "NaN", pAlive: "0.7")
        try await Migrator(pool: pool).migrate()

        let repository = ProfileRepository(pool: pool, redis: nil)
        let encoder = QuimbiJSON.makeEncoder()
        let finite = try #require(try await repository.profile(for: CustomerReference(customerID: "finite", email: nil)))
        #expect(finite.expectedPurchases90d == nil, "an infinite optional number reads as absent")
        #expect(throws: Never.self) { try encoder.encode(finite) }
        let optional = try #require(try await repository.profile(for: CustomerReference(customerID: "nan-optional", email: nil)))
        #expect(optional.pAlive == nil)
        #expect(throws: Never.self) { try encoder.encode(optional) }
        let refusal = await #expect(throws: LookupError.self) {
            try await repository.profile(for: CustomerReference(customerID: "nan-required", email: nil))
        }
        #expect(refusal?.code == "store_corrupt_row")

        let constraint = await #expect(throws: StoreError.self) {
            try await Self.insertProfile(pool, id: "new-nan", lifetimeValue: "NaN", pAlive: "0.7")
        }
        #expect(constraint?.code == "postgres_query_failed")
        await #expect(throws: StoreError.self) {
            _ = try await pool.query("INSERT INTO orders (id, customer_id, created_at, total, currency, financial_status, fulfillment_status) VALUES ('o1', 'finite', now(), 'Infinity', 'EUR', 'paid', 'fulfilled')")
        }
    }
}
