import Foundation
import QuimbiCore
import QuimbiSegmentation
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

@Suite(.enabled(if: TestServers.available))
struct OrderLoadTests {
    @Test func loadingTwiceChangesNothing() async throws {
        let fixture = try await StoreFixture.make()
        let csv = "id,customer_id,created_at,total\no1,c1,2026-01-02T03:04:05Z,12.5\no2,c1,2026-01-03T03:04:05Z,7\nbad,,x,y\n"
        let parsed = OrderFileParser.parse(csv)
        #expect(parsed.rejected.map(\.line) == [4])
        let writer = StoreWriter(pool: fixture.pool)
        #expect(try await writer.write(customers: [], orders: parsed.orders) == 2)
        #expect(try await writer.write(customers: [], orders: parsed.orders) == 0)
        let stored = try await OrderRepository(pool: fixture.pool).recentOrders(for: CustomerReference(customerID: "c1", email: nil), limit: 10)
        #expect(stored.map(\.id) == ["o2", "o1"])
    }
}
