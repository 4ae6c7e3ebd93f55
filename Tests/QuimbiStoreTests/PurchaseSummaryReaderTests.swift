import Foundation
import QuimbiCore
import QuimbiSegmentation
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The features PostgreSQL aggregates from the `orders` table are those Swift computes from the same orders.
@Suite(.enabled(if: TestServers.available))
struct PurchaseSummaryReaderTests {
    static let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!
    /// A cut-off in the middle of a UTC day.
    static let midDay = RFC3339.date(from: "2026-06-30T12:00:00Z")!

    /// A generated store plus the awkward cases: several orders on one day, an order after the
    /// cut-off, a negative total, a customer whose only order is left out.
    static func orders() -> [Order] {
        let store = SampleStoreGenerator.generate(customerCount: 400, seed: 5, asOf: asOf)
        let day = 86_400.0
        let base = RFC3339.date(from: "2026-03-01T08:00:00Z")!
        return store.orders + [
            Order(id: "x1", customerID: "same-day", createdAt: base, total: 10),
            Order(id: "x2", customerID: "same-day", createdAt: base.addingTimeInterval(3_600), total: 5.25),
            Order(id: "x3", customerID: "same-day", createdAt: base.addingTimeInterval(9 * day), total: 7),
            Order(id: "x4", customerID: "same-day", createdAt: base.addingTimeInterval(9 * day + 60), total: 1.5),
            Order(id: "x5", customerID: "same-day", createdAt: base.addingTimeInterval(30 * day), total: 2),
            Order(id: "x6", customerID: "refunded", createdAt: base, total: -4),
            Order(id: "x7", customerID: "refunded", createdAt: base.addingTimeInterval(day), total: 4),
            Order(id: "x8", customerID: "only-late", createdAt: asOf.addingTimeInterval(day), total: 9),
            // One UTC day with an order kept and one left out: a refund, and (at the mid-day cut-off) a late order.
            Order(id: "x9", customerID: "refunded", createdAt: base.addingTimeInterval(600), total: 6),
            Order(id: "x10", customerID: "split-day", createdAt: base.addingTimeInterval(-20 * day), total: 3),
            Order(id: "x11", customerID: "split-day", createdAt: midDay.addingTimeInterval(-3_600), total: 8),
            Order(id: "x12", customerID: "split-day", createdAt: midDay.addingTimeInterval(3_600), total: 5),
        ]
    }

    /// Whatever the number of partitions the customers are split into.
    @Test(arguments: [nil, RFC3339.date(from: "2026-06-30T00:00:00Z")!, midDay], [1, 2, 3])
    func featuresEqualThoseComputedInSwift(cutoff: Date?, partitions: Int) async throws {
        let fixture = try await StoreFixture.make()
        let orders = Self.orders()
        try await StoreWriter(pool: fixture.pool).write(customers: [], orders: orders)

        let read = try await PurchaseSummaryReader(pool: fixture.pool, partitions: partitions).features(cutoff: cutoff, timeUnit: 7)
        var accumulator = FeatureAccumulator(cutoff: cutoff)
        orders.forEach { accumulator.add($0) }
        let expected = accumulator.features(timeUnit: 7)

        #expect(read.asOf == accumulator.asOf)
        #expect(read.report == accumulator.report)
        #expect(read.features.map(\.customerID) == expected.map(\.customerID))
        for (got, want) in zip(read.features, expected) {
            #expect(got.repeatPurchases == want.repeatPurchases && got.orderCount == want.orderCount, "\(got.customerID)")
            #expect(Self.near(got.recency, want.recency) && Self.near(got.age, want.age), "\(got.customerID)")
            #expect(Self.near(got.meanRepeatSpend, want.meanRepeatSpend) && Self.near(got.lifetimeValue, want.lifetimeValue), "\(got.customerID)")
            // PostgreSQL keeps microseconds.
            #expect(abs(got.firstPurchaseAt.timeIntervalSince(want.firstPurchaseAt)) < 1e-6, "\(got.customerID)")
            #expect(abs(got.lastPurchaseAt.timeIntervalSince(want.lastPurchaseAt)) < 1e-6, "\(got.customerID)")
        }
    }

    @Test(arguments: [nil, midDay])
    func anEmptyTableHasNoAsOfDate(cutoff: Date?) async throws {
        let fixture = try await StoreFixture.make()
        let read = try await PurchaseSummaryReader(pool: fixture.pool).features(cutoff: cutoff)
        #expect(read.features.isEmpty && read.asOf == nil && read.report == FeatureReport())
    }

    /// More partitions than connections: they run in turn, and read the same as one query.
    @Test func aPoolSmallerThanThePartitionsReadsThemInTurn() async throws {
        let fixture = try await StoreFixture.make()
        try await StoreWriter(pool: fixture.pool).write(customers: [], orders: Self.orders())
        let onePool = PostgresPool(url: fixture.url, size: 1)
        let inTurn = try await PurchaseSummaryReader(pool: onePool, partitions: 3).features(cutoff: Self.midDay)
        let whole = try await PurchaseSummaryReader(pool: fixture.pool, partitions: 1).features(cutoff: Self.midDay)
        #expect(inTurn.features.count > 300 && inTurn.features.map(\.customerID) == whole.features.map(\.customerID))
        #expect(inTurn.features.map(\.lifetimeValue) == whole.features.map(\.lifetimeValue))
        #expect(inTurn.report == whole.report && inTurn.asOf == whole.asOf)
        await onePool.close()
    }

    /// With no order kept there are no features, but the orders left out are still counted (the counts rode
    /// on the customers' rows, so they were lost with them).
    @Test func ordersLeftOutAreCountedWhenNoneIsKept() async throws {
        let fixture = try await StoreFixture.make()
        try await StoreWriter(pool: fixture.pool).write(customers: [], orders: [
            Order(id: "late", customerID: "a", createdAt: Self.asOf.addingTimeInterval(86_400), total: 9),
            Order(id: "refund", customerID: "b", createdAt: Self.asOf.addingTimeInterval(-86_400), total: -3),
        ])
        let read = try await PurchaseSummaryReader(pool: fixture.pool).features(cutoff: Self.asOf)
        #expect(read.features.isEmpty && read.asOf == nil)
        #expect(read.report.ordersAfterAsOf == 1 && read.report.negativeTotals == 1)
    }

    static func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
}
