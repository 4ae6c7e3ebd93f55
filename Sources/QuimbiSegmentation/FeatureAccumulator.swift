import Foundation
import QuimbiCore

/// Folds orders, one at a time, into what feature extraction needs, without keeping the orders:
/// per order a customer number, a time and a total (20 bytes in flat columns), per customer its id.
///
/// Orders after the cut-off, with a negative or non-finite total, or with an order id already kept
/// are counted in ``report`` and left out, in that order of checks.
public struct FeatureAccumulator: Sendable {
    /// Orders after this time are left out; `nil` keeps every order (the as-of date is then the
    /// start of the day after the latest order).
    public let cutoff: Date?
    /// What was left out so far.
    public private(set) var report = FeatureReport()
    private var latest: Date?
    private var customerNumbers: [String: Int32] = [:]
    private var customerIDs: [String] = []
    /// The customer of the previous order: files list a customer's orders together, so most lookups end here.
    private var previousCustomer: (id: String, number: Int32)?
    private var keptOrderIDs = Set<String>()
    private var customerOfOrder: [Int32] = []
    /// Seconds since the reference date, the exact representation of a `Date`.
    private var timeOfOrder: [Double] = []
    private var totalOfOrder: [Double] = []

    /// An empty accumulator leaving out the orders after `cutoff`.
    public init(cutoff: Date? = nil) {
        self.cutoff = cutoff
    }

    /// Orders added so far, kept or not.
    public private(set) var ordersRead = 0

    /// The as-of date of the features: the cut-off, else the start of the UTC day after the latest
    /// order seen; `nil` before any order.
    public var asOf: Date? {
        if let cutoff { return cutoff }
        return latest.map { Date(timeIntervalSince1970: Double(PurchaseSummary.day(of: $0) + 1) * 86_400) }
    }

    /// Adds one order.
    public mutating func add(_ order: Order) {
        add(orderID: order.id, customerID: order.customerID, createdAt: order.createdAt, total: order.total)
    }

    /// Adds one order given by its parts.
    public mutating func add(orderID: String, customerID: String, createdAt: Date, total: Double) {
        ordersRead += 1
        latest = max(latest ?? createdAt, createdAt)
        if let cutoff, createdAt > cutoff { report.ordersAfterAsOf += 1; return }
        guard total >= 0, total.isFinite else { report.negativeTotals += 1; return }
        guard keptOrderIDs.insert(orderID).inserted else { report.duplicateOrderIDs += 1; return }
        let number: Int32
        if let previousCustomer, previousCustomer.id == customerID {
            number = previousCustomer.number
        } else if let known = customerNumbers[customerID] {
            number = known
        } else {
            number = Int32(customerIDs.count)
            customerNumbers[customerID] = number
            customerIDs.append(customerID)
        }
        previousCustomer = (customerID, number)
        customerOfOrder.append(number)
        timeOfOrder.append(createdAt.timeIntervalSinceReferenceDate)
        totalOfOrder.append(total)
    }

    /// Each customer's purchase days, ordered by customer id; sums run in the order the orders came.
    public func summaries() -> [PurchaseSummary] {
        let positions = ordersByCustomer()
        var summaries: [PurchaseSummary] = []
        summaries.reserveCapacity(customerIDs.count)
        var orders: [(day: Int, position: Int)] = []
        for customer in customerIDs.indices.sorted(by: { customerIDs[$0] < customerIDs[$1] }) {
            orders.removeAll(keepingCapacity: true)
            // The lifetime value is summed in arrival order, the day values after sorting by day.
            var totalValue = 0.0
            for position in positions.orders[positions.start[customer]..<positions.start[customer + 1]] {
                orders.append((PurchaseSummary.day(of: Date(timeIntervalSinceReferenceDate: timeOfOrder[position])), position))
                totalValue += totalOfOrder[position]
            }
            orders.sort { ($0.day, $0.position) < ($1.day, $1.position) }
            summaries.append(summary(of: customerIDs[customer], orders, totalValue: totalValue))
        }
        return summaries
    }

    /// The features of every customer as of ``asOf``, ordered by customer id.
    public func features(timeUnit: Double = 1) -> [CustomerFeatures] {
        guard let asOf else { return [] }
        return summaries().map { CustomerFeatures($0, asOf: asOf, timeUnit: timeUnit) }
    }

    /// One customer's orders, sorted by day and then by arrival, reduced to purchase days.
    private func summary(of customerID: String, _ orders: [(day: Int, position: Int)], totalValue: Double) -> PurchaseSummary {
        var purchaseDays = 0
        var repeatValue = 0.0
        var dayValue = 0.0
        var earliest = Double.infinity
        var newest = -Double.infinity
        for (index, order) in orders.enumerated() {
            let total = totalOfOrder[order.position]
            dayValue += total
            earliest = min(earliest, timeOfOrder[order.position])
            newest = max(newest, timeOfOrder[order.position])
            guard index == orders.count - 1 || orders[index + 1].day != order.day else { continue }
            if purchaseDays > 0 { repeatValue += dayValue }
            purchaseDays += 1
            dayValue = 0
        }
        return PurchaseSummary(
            customerID: customerID, firstDay: orders[0].day, lastDay: orders[orders.count - 1].day,
            purchaseDays: purchaseDays, repeatValue: repeatValue, totalValue: totalValue, orderCount: orders.count,
            firstPurchaseAt: Date(timeIntervalSinceReferenceDate: earliest),
            lastPurchaseAt: Date(timeIntervalSinceReferenceDate: newest))
    }

    /// A counting sort of the kept orders by customer number, stable: customer `c`'s orders are
    /// `orders[start[c]..<start[c + 1]]`, in arrival order.
    private func ordersByCustomer() -> (start: [Int], orders: [Int]) {
        var start = [Int](repeating: 0, count: customerIDs.count + 1)
        for customer in customerOfOrder { start[Int(customer) + 1] += 1 }
        for index in customerIDs.indices { start[index + 1] += start[index] }
        var next = start
        var orders = [Int](repeating: 0, count: customerOfOrder.count)
        for (position, customer) in customerOfOrder.enumerated() {
            orders[next[Int(customer)]] = position
            next[Int(customer)] += 1
        }
        return (start, orders)
    }
}
