import Foundation
import QuimbiCore

/// One customer's purchase history in the models' terms. Times are in `timeUnit` days
/// (1 for days, 7 for the weeks of the CDNOW literature).
public struct CustomerFeatures: Sendable, Hashable {
    public var customerID: String
    /// Repeat purchases: purchase days after the first (same-day orders merged).
    public var repeatPurchases: Int
    /// Time of the last purchase, measured from the first.
    public var recency: Double
    /// Age: time from the first purchase to the end of the observation period.
    public var age: Double
    /// Mean value of the repeat purchase days (0 when there is none).
    public var meanRepeatSpend: Double
    public var lifetimeValue: Double
    /// Distinct orders.
    public var orderCount: Int
    public var firstPurchaseAt: Date
    public var lastPurchaseAt: Date

    public var averageOrderValue: Double { orderCount > 0 ? lifetimeValue / Double(orderCount) : 0 }
}

/// What feature extraction left out, reported by `quimbi segment`.
public struct FeatureReport: Sendable, Hashable {
    public var ordersAfterAsOf = 0
    public var duplicateOrderIDs = 0
    public var negativeTotals = 0
}

/// Turns orders into ``CustomerFeatures``.
public enum FeatureExtractor {
    /// Features as of `asOf` (orders after it are ignored), times in units of `timeUnit` days.
    /// Orders with a repeated id count once; orders with a negative total are ignored.
    public static func features(from orders: [Order], asOf: Date, timeUnit: Double = 1) -> (features: [CustomerFeatures], report: FeatureReport) {
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
