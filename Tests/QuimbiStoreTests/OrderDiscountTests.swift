import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Orders carry the discount applied to them (migration 007): orders stored before keep theirs unknown,
/// new ones are written and read back with it, and a negative or infinite discount is refused.
@Suite(.enabled(if: TestServers.available))
struct OrderDiscountTests {
    static let customer = CustomerReference(customerID: "c1", email: nil)

    @Test func theMigrationKeepsExistingOrdersAndTheirDiscountUnknown() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1)
        let before = Migrator.known.filter { $0.version < "007" }
        #expect(try await Migrator(pool: pool, migrations: before).migrate() == before.map(\.version))
        _ = try await pool.query("""
            INSERT INTO orders (id, customer_id, created_at, total, currency, financial_status, fulfillment_status)
            VALUES ('old', 'c1', '2026-01-02T03:04:05Z', 40, 'USD', 'paid', 'fulfilled')
            """)
        #expect(try await Migrator(pool: pool).migrate() == ["007_order_discounts", "008_segmentation_rewrite"])
        let newer = Order(id: "new", customerID: "c1", createdAt: Date(timeIntervalSince1970: 1_790_000_000), total: 42.5, discountTotal: 7.5)
        let none = Order(id: "none", customerID: "c1", createdAt: Date(timeIntervalSince1970: 1_780_000_000), total: 40, discountTotal: 0)
        try await StoreWriter(pool: pool).write(customers: [], orders: [newer, none])
        let stored = try await OrderRepository(pool: pool).recentOrders(for: Self.customer, limit: 10)
        #expect(stored.map(\.id) == ["new", "none", "old"])
        #expect(stored.map(\.discountTotal) == [7.5, 0, nil])
        for refused in ["-1", "'Infinity'", "'NaN'"] {
            await #expect(throws: StoreError.self, "\(refused)") {
                try await pool.query("UPDATE orders SET discount_total = \(refused) WHERE id = 'old'")
            }
        }
        await pool.close()
    }
}
