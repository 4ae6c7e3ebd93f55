import Foundation
import QuimbiCore
import QuimbiSegmentation
import Testing

@Suite struct DegenerateInputTests {
    let asOf = RFC3339.date(from: "2026-06-30T00:00:00Z")!

    private func order(_ id: String, _ customer: String, daysAgo: Double, total: Double) -> Order {
        Order(id: id, customerID: customer, createdAt: asOf.addingTimeInterval(-86_400 * daysAgo), total: total)
    }

    @Test func anEmptyInputIsAClearError() {
        #expect(throws: SegmentationError(.noOrders, "no orders on or before 2026-06-30T00:00:00.000Z")) {
            _ = try Segmenter().segment(orders: [], asOf: asOf)
        }
    }

    @Test func noRepeatBuyersIsAClearError() {
        let orders = (0..<50).map { order("o\($0)", "c\($0)", daysAgo: Double($0 + 1), total: 20) }
        #expect { _ = try Segmenter().segment(orders: orders, asOf: asOf) } throws: { ($0 as? SegmentationError)?.reason == .noRepeatBuyers }
    }

    @Test func ordersAfterAsOfAreIgnoredAndCounted() throws {
        var orders = GeneratedStoreTests.store.orders.prefix(3_000).map { $0 }
        orders.append(Order(id: "future", customerID: "c-future", createdAt: GeneratedStoreTests.asOf.addingTimeInterval(86_400 * 10), total: 50))
        let result = try Segmenter().segment(orders: orders, asOf: GeneratedStoreTests.asOf)
        #expect(result.summary.features.ordersAfterAsOf >= 1)
        #expect(!result.profiles.contains { $0.customerID == "c-future" })
    }

    @Test func duplicateOrderIdsCountOnce() throws {
        var orders = [order("a", "c1", daysAgo: 30, total: 10), order("b", "c1", daysAgo: 20, total: 10), order("b", "c1", daysAgo: 20, total: 10)]
        orders += (0..<30).flatMap { [order("x\($0)", "r\($0)", daysAgo: 60, total: 15), order("y\($0)", "r\($0)", daysAgo: Double(10 + $0), total: 25)] }
        let result = try Segmenter().segment(orders: orders, asOf: asOf)
        #expect(result.summary.features.duplicateOrderIDs == 1)
        #expect(result.profiles.first { $0.customerID == "c1" }?.totalOrders == 2)
    }

    @Test func zeroValueOrdersAndASingleCustomerGiveFiniteProfiles() throws {
        let orders = [order("1", "solo", daysAgo: 100, total: 0), order("2", "solo", daysAgo: 50, total: 0), order("3", "solo", daysAgo: 10, total: 0)]
        let result = try Segmenter().segment(orders: orders, asOf: asOf)
        let profile = try #require(result.profiles.first)
        #expect(result.profiles.count == 1)
        #expect(result.summary.gammaGamma == nil, "no positive spend: the spend model is skipped")
        for value in [profile.churnRiskScore, profile.pAlive ?? .nan, profile.expectedPurchases90d ?? .nan, profile.predictedValue365d ?? .nan] {
            #expect(value.isFinite)
        }
    }

    @Test func badLinesOfAnOrdersFileAreReportedWithLineNumbers() {
        let text = """
            order_id,customer_id,created_at,total
            1,c1,2026-01-01T00:00:00Z,10.5
            2,c1,not-a-date,10
            3,,2026-01-02T00:00:00Z,10
            4,c2,2026-01-02T00:00:00Z,-3
            5,c2,2026-01-03T00:00:00Z,12
            """
        let parsed = OrderFileParser.parse(text)
        #expect(parsed.orders.map(\.id) == ["1", "5"])
        #expect(parsed.rejected.map(\.line) == [3, 4, 5])
    }
}
