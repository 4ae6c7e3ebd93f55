import Foundation
import QuimbiStore

/// The effect of the offers of one group of decisions: both arms, the uplift and what it earned.
public struct OfferEffect: Codable, Sendable, Equatable {
    public var group: String
    /// Decisions that made the offer.
    public var treated: ArmTally
    /// Decisions whose offer the holdout withheld.
    public var control: ArmTally
    /// Decisions whose window has not closed yet (not measured).
    public var pending: Int
    /// Treatment conversion minus control conversion with its 95 % interval; `nil` until both arms
    /// have the minimum of decisions.
    public var uplift: UpliftInterval?
    /// Next-order revenue per decision, treated minus control.
    public var incrementalRevenuePerDecision: Double?
    /// The discount given away per treated decision: what each converting customer's next order
    /// carried, or, for orders that do not say, the offer assumed redeemed there (its total is what was
    /// paid after the discount); ``discountUse`` tells how many of each.
    public var discountCostPerDecision: Double?
    /// How the treated arm's next orders used a discount: observed, assumed, redeemed.
    public var discountUse: DiscountUse
    /// ``incrementalRevenuePerDecision`` minus ``discountCostPerDecision``.
    public var netRevenuePerDecision: Double?
    /// `not enough data yet`, `offers raise orders`, `offers lower orders` or `no measurable effect`.
    public var verdict: String

    /// The effect of the group summed in `tally`: reported once both arms have `minimumPerArm` decisions.
    init(group: String, tally: OutcomeTally, minimumPerArm: Int) {
        self.group = group
        pending = tally.pending
        treated = tally.treated
        control = tally.control
        discountUse = DiscountUse(tally.discount)
        guard treated.decisions >= minimumPerArm, control.decisions >= minimumPerArm,
              let uplift = UpliftInterval(treated: treated.conversions, of: treated.decisions, controlled: control.conversions, of: control.decisions) else {
            verdict = "not enough data yet"
            return
        }
        self.uplift = uplift
        let incremental = treated.revenue / Double(treated.decisions) - control.revenue / Double(control.decisions)
        let cost = tally.discount.given / Double(treated.decisions)
        incrementalRevenuePerDecision = incremental
        discountCostPerDecision = cost
        netRevenuePerDecision = incremental - cost
        verdict = !uplift.isSignificant ? "no measurable effect" : (uplift.lower > 0 ? "offers raise orders" : "offers lower orders")
    }

    enum CodingKeys: String, CodingKey {
        case group, treated, control, pending, uplift, verdict
        case incrementalRevenuePerDecision = "incremental_revenue_per_decision"
        case discountCostPerDecision = "discount_cost_per_decision"
        case discountUse = "discount_use"
        case netRevenuePerDecision = "net_revenue_per_decision"
    }
}
