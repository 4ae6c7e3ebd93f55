import Foundation
import QuimbiCore
@testable import QuimbiSegmentation
import Testing

/// Orders folded one at a time give exactly the features of the former whole-history extraction.
struct FeatureAccumulatorTests {
    static let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!

    /// The generated store, shuffled, with duplicate ids, negative totals and orders after `asOf`.
    static func awkwardOrders() -> [Order] {
        var random = SystemRandomNumberGenerator()
        var orders = SampleStoreGenerator.generate(customerCount: 3_000, seed: 21, asOf: asOf).orders
        orders += orders.prefix(50)
        orders += orders.prefix(20).map { order in
            var late = order
            late.id += "-late"
            late.createdAt = asOf.addingTimeInterval(3_600)
            return late
        }
        orders += orders.prefix(10).map { order in
            var refund = order
            refund.id += "-refund"
            refund.total = -order.total
            return refund
        }
        orders.shuffle(using: &random)
        return orders
    }

    @Test func featuresEqualTheWholeHistoryExtraction() {
        let orders = Self.awkwardOrders()
        for unit in [1.0, 7.0] {
            let (features, report) = FeatureExtractor.features(from: orders, asOf: Self.asOf, timeUnit: unit)
            let expected = Reference.features(from: orders, asOf: Self.asOf, timeUnit: unit)
            #expect(features == expected.features)
            #expect(report == expected.report)
            #expect(report.duplicateOrderIDs == 50 && report.ordersAfterAsOf == 20 && report.negativeTotals == 10)
        }
    }

    @Test func withoutACutOffTheAsOfDateIsTheDayAfterTheLatestOrder() {
        var accumulator = FeatureAccumulator()
        #expect(accumulator.asOf == nil)
        accumulator.add(Order(id: "1", customerID: "c", createdAt: RFC3339.date(from: "2026-01-02T23:59:59Z")!, total: 3))
        accumulator.add(Order(id: "2", customerID: "c", createdAt: RFC3339.date(from: "2026-01-01T10:00:00Z")!, total: 4))
        #expect(accumulator.asOf == RFC3339.date(from: "2026-01-03T00:00:00Z"))
        #expect(accumulator.ordersRead == 2)
        let features = accumulator.features()
        #expect(features.count == 1 && features[0].repeatPurchases == 1 && features[0].recency == 1 && features[0].age == 2)
        #expect(features[0].meanRepeatSpend == 3 && features[0].lifetimeValue == 7)
    }

    /// The extraction as it was before orders were folded one at a time: all orders in memory,
    /// grouped by customer and by day.
    enum Reference {
        static func features(from orders: [Order], asOf: Date, timeUnit: Double) -> (features: [CustomerFeatures], report: FeatureReport) {
            var report = FeatureReport()
            var seen = Set<String>()
            var byCustomer: [String: [Order]] = [:]
            for order in orders {
                guard order.createdAt <= asOf else { report.ordersAfterAsOf += 1; continue }
                guard order.total >= 0, order.total.isFinite else { report.negativeTotals += 1; continue }
                guard seen.insert(order.id).inserted else { report.duplicateOrderIDs += 1; continue }
                byCustomer[order.customerID, default: []].append(order)
            }
            let unitSeconds = 86_400 * timeUnit
            let features = byCustomer.map { customerID, orders -> CustomerFeatures in
                let days = Dictionary(grouping: orders) { Int(($0.createdAt.timeIntervalSince1970 / 86_400).rounded(.down)) }
                    .map { (day: $0.key, value: $0.value.reduce(0) { $0 + $1.total }) }
                    .sorted { $0.day < $1.day }
                let firstDay = Date(timeIntervalSince1970: Double(days[0].day) * 86_400)
                let lastDay = Date(timeIntervalSince1970: Double(days[days.count - 1].day) * 86_400)
                let repeats = days.dropFirst()
                return CustomerFeatures(
                    customerID: customerID,
                    repeatPurchases: repeats.count,
                    recency: lastDay.timeIntervalSince(firstDay) / unitSeconds,
                    age: max(0, asOf.timeIntervalSince(firstDay) / unitSeconds),
                    meanRepeatSpend: repeats.isEmpty ? 0 : repeats.reduce(0) { $0 + $1.value } / Double(repeats.count),
                    lifetimeValue: orders.reduce(0) { $0 + $1.total },
                    orderCount: orders.count,
                    firstPurchaseAt: orders.map(\.createdAt).min() ?? firstDay,
                    lastPurchaseAt: orders.map(\.createdAt).max() ?? lastDay
                )
            }
            return (features.sorted { $0.customerID < $1.customerID }, report)
        }
    }
}
