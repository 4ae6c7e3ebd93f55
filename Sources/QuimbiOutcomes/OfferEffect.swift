import Foundation
import QuimbiStore

/// The effect of the offers of one group of decisions: both arms, the uplift and what it earned.
public struct OfferEffect: Codable, Sendable, Equatable {
    public var group: String
    /// Decisions that made the offer.
    public var treated: ArmOutcome
    /// Decisions whose offer the holdout withheld.
    public var control: ArmOutcome
    /// Decisions whose window has not closed yet (not measured).
    public var pending: Int
    /// Treatment conversion minus control conversion with its 95 % interval; `nil` until both arms
    /// have the minimum of decisions.
    public var uplift: UpliftInterval?
    /// Next-order revenue per decision, treated minus control.
    public var incrementalRevenuePerDecision: Double?
    /// The discount given away per treated decision, assuming each converting customer redeemed the
    /// offer on that next order (its total is what was paid after the discount).
    public var discountCostPerDecision: Double?
    /// ``incrementalRevenuePerDecision`` minus ``discountCostPerDecision``.
    public var netRevenuePerDecision: Double?
    /// `not enough data yet`, `offers raise orders`, `offers lower orders` or `no measurable effect`.
    public var verdict: String

    /// The effect of the group summed in `tally`: reported once both arms have `minimumPerArm` decisions.
    init(group: String, tally: OutcomeTally, minimumPerArm: Int) {
        self.group = group
        pending = tally.pending
        treated = ArmOutcome(tally.treated)
        control = ArmOutcome(tally.control)
        guard treated.decisions >= minimumPerArm, control.decisions >= minimumPerArm,
              let uplift = UpliftInterval(treated: treated.conversions, of: treated.decisions, controlled: control.conversions, of: control.decisions) else {
            verdict = "not enough data yet"
            return
        }
        self.uplift = uplift
        let incremental = treated.revenue / Double(treated.decisions) - control.revenue / Double(control.decisions)
        let cost = tally.discountGiven / Double(treated.decisions)
        incrementalRevenuePerDecision = incremental
        discountCostPerDecision = cost
        netRevenuePerDecision = incremental - cost
        verdict = !uplift.isSignificant ? "no measurable effect" : (uplift.lower > 0 ? "offers raise orders" : "offers lower orders")
    }

    enum CodingKeys: String, CodingKey {
        case group, treated, control, pending, uplift, verdict
        case incrementalRevenuePerDecision = "incremental_revenue_per_decision"
        case discountCostPerDecision = "discount_cost_per_decision"
        case netRevenuePerDecision = "net_revenue_per_decision"
    }
}

/// One arm of a group: decisions measured, how many ordered again within the window, and the revenue.
public struct ArmOutcome: Codable, Sendable, Equatable {
    public var decisions: Int
    public var conversions: Int
    /// Next-order revenue of the arm.
    public var revenue: Double

    init(_ tally: ArmTally) {
        decisions = tally.decisions
        conversions = tally.conversions
        revenue = tally.revenue
    }
}
