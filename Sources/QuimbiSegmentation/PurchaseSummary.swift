import Foundation

/// One customer's orders reduced to purchase days (UTC calendar days, same-day orders merged):
/// everything ``CustomerFeatures`` needs, whether the orders were folded in Swift
/// (``FeatureAccumulator``) or aggregated by the database.
public struct PurchaseSummary: Sendable, Hashable {
    public var customerID: String
    /// Days since 1970-01-01 (UTC) of the first and of the last purchase day.
    public var firstDay: Int
    public var lastDay: Int
    /// Distinct purchase days.
    public var purchaseDays: Int
    /// Value of the purchase days after the first.
    public var repeatValue: Double
    /// Value of all orders.
    public var totalValue: Double
    /// Distinct orders.
    public var orderCount: Int
    public var firstPurchaseAt: Date
    public var lastPurchaseAt: Date

    /// A summary of the given figures.
    public init(
        customerID: String, firstDay: Int, lastDay: Int, purchaseDays: Int, repeatValue: Double, totalValue: Double,
        orderCount: Int, firstPurchaseAt: Date, lastPurchaseAt: Date
    ) {
        self.customerID = customerID
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.purchaseDays = purchaseDays
        self.repeatValue = repeatValue
        self.totalValue = totalValue
        self.orderCount = orderCount
        self.firstPurchaseAt = firstPurchaseAt
        self.lastPurchaseAt = lastPurchaseAt
    }

    /// The UTC day of `date`, counted from 1970-01-01.
    public static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}

extension CustomerFeatures {
    /// The models' view of `summary` as of `asOf`, times in units of `timeUnit` days.
    public init(_ summary: PurchaseSummary, asOf: Date, timeUnit: Double = 1) {
        let unitSeconds = 86_400 * timeUnit
        let firstDay = Date(timeIntervalSince1970: Double(summary.firstDay) * 86_400)
        let lastDay = Date(timeIntervalSince1970: Double(summary.lastDay) * 86_400)
        let repeats = summary.purchaseDays - 1
        self.init(
            customerID: summary.customerID,
            repeatPurchases: repeats,
            recency: lastDay.timeIntervalSince(firstDay) / unitSeconds,
            age: max(0, asOf.timeIntervalSince(firstDay) / unitSeconds),
            meanRepeatSpend: repeats == 0 ? 0 : summary.repeatValue / Double(repeats),
            lifetimeValue: summary.totalValue,
            orderCount: summary.orderCount,
            firstPurchaseAt: summary.firstPurchaseAt,
            lastPurchaseAt: summary.lastPurchaseAt)
    }
}
