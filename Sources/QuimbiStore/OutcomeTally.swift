import Foundation

/// Which way a group of decisions is cut in the retention report.
public enum OutcomeDimension: String, Sendable, Hashable, CaseIterable {
    case overall, offer, intent, archetype, churnBand = "churn_band"
}

/// Sums over one group of offer decisions — enough to report the group's effect without reading its
/// decisions one by one.
public struct OutcomeTally: Sendable, Equatable {
    /// Decisions whose window has not closed yet.
    public var pending = 0
    /// Closed decisions that made the offer, how many ordered again within the window, their revenue.
    public var treated = ArmTally()
    /// Closed decisions whose offer the holdout withheld.
    public var control = ArmTally()
    /// The discounts of the treated arm's next orders: as the orders say, or assumed where they do not.
    public var discount = DiscountTally()

    /// An empty tally.
    public init() {}

    /// Counts `decision`, measured when its window has closed.
    public mutating func add(_ decision: DecisionOutcome, closed: Bool) {
        guard closed else {
            pending += 1
            return
        }
        if decision.holdout {
            control.add(decision)
        } else {
            treated.add(decision)
            discount.add(decision)
        }
    }
}

/// One arm's sums, as the retention report shows them: decisions measured, conversions (a next order
/// within the window) and next-order revenue.
public struct ArmTally: Codable, Sendable, Equatable {
    public var decisions = 0
    public var conversions = 0
    /// Next-order revenue of the arm.
    public var revenue = 0.0

    /// An empty arm.
    public init() {}

    /// An arm of these sums.
    public init(decisions: Int, conversions: Int, revenue: Double) {
        self.decisions = decisions
        self.conversions = conversions
        self.revenue = revenue
    }

    mutating func add(_ decision: DecisionOutcome) {
        decisions += 1
        if decision.nextOrderAt != nil { conversions += 1 }
        revenue += decision.nextOrderTotal ?? 0
    }
}

extension DecisionOutcome {
    /// The offer's name in the report: "15 % off", "free shipping" or "15 % off + free shipping".
    public var offerName: String {
        switch (offerPercent > 0, freeShipping) {
        case (true, true): "\(offerPercent) % off + free shipping"
        case (true, false): "\(offerPercent) % off"
        default: "free shipping"
        }
    }
}
