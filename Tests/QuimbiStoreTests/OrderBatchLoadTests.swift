import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Orders written a batch at a time land in one transaction: all of them, or none.
@Suite(.enabled(if: TestServers.available))
struct OrderBatchLoadTests {
    static func order(_ id: String, total: Double) -> Order {
        Order(id: id, customerID: "c1", createdAt: StoreFixture.origin, total: total)
    }

    @Test func everyBatchIsWrittenAndTheLastRowOfAKeyWins() async throws {
        let fixture = try await StoreFixture.make()
        let orders = [Self.order("o1", total: 1), Self.order("o2", total: 2), Self.order("o3", total: 3),
                      Self.order("o1", total: 4), Self.order("o4", total: 5)]
        let (_, read) = try await StoreWriter(pool: fixture.pool).writeOrders(batchSize: 2) { emit in
            orders.forEach(emit)
            return orders.count
        }
        #expect(read == 5)
        let rows = try await fixture.pool.query("SELECT id, total FROM orders ORDER BY id").rows
        #expect(rows == [["o1", "4"], ["o2", "2"], ["o3", "3"], ["o4", "5"]])
    }

    @Test func aFailingBatchLeavesNothingBehind() async throws {
        let fixture = try await StoreFixture.make()
        await #expect(throws: StoreError.self) {
            _ = try await StoreWriter(pool: fixture.pool).writeOrders(batchSize: 2) { emit in
                // The third order breaks the table's finite-number check, in the second batch.
                [Self.order("o1", total: 1), Self.order("o2", total: 2), Self.order("o3", total: .infinity)].forEach(emit)
            }
        }
        #expect(try await fixture.pool.query("SELECT count(*) FROM orders").rows == [["0"]])
    }
}
