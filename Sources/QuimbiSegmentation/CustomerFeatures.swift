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

    /// Nothing left out yet.
    public init() {}
}

/// Turns orders into ``CustomerFeatures``.
public enum FeatureExtractor {
    /// Features as of `asOf` (orders after it are ignored), times in units of `timeUnit` days.
    /// Orders with a repeated id count once; orders with a negative total are ignored.
    public static func features(from orders: [Order], asOf: Date, timeUnit: Double = 1) -> (features: [CustomerFeatures], report: FeatureReport) {
        var accumulator = FeatureAccumulator(cutoff: asOf)
        for order in orders { accumulator.add(order) }
        return (accumulator.features(timeUnit: timeUnit), accumulator.report)
    }
}
