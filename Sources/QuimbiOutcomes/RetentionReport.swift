import Foundation
import QuimbiStore

/// What retention offers bought, measured against the holdout's control arm: per offer, intent,
/// archetype and churn band, the conversion of each arm within the window, the uplift with its 95 %
/// interval, and revenue net of the discount given. Groups with too few decisions in either arm say
/// so instead of showing a rate.
public struct RetentionReport: Codable, Sendable, Equatable {
    public var asOf: Date
    /// Days after a decision in which a next order counts.
    public var windowDays: Int
    /// Decisions each arm needs, with their window closed, before a group's effect is reported.
    public var minimumPerArm: Int
    public var overall: OfferEffect
    public var byOffer: [OfferEffect]
    public var byIntent: [OfferEffect]
    public var byArchetype: [OfferEffect]
    public var byChurnBand: [OfferEffect]

    /// The report of `decisions` as of `asOf`; only decisions whose window has closed are measured.
    public init(decisions: [DecisionOutcome], asOf: Date, windowDays: Int, minimumPerArm: Int = 30) {
        self.asOf = asOf
        self.windowDays = windowDays
        self.minimumPerArm = minimumPerArm
        let effect = { (group: String, members: [DecisionOutcome]) in
            OfferEffect(group: group, decisions: members, asOf: asOf, windowDays: windowDays, minimumPerArm: minimumPerArm)
        }
        func grouped(by key: (DecisionOutcome) -> String) -> [OfferEffect] {
            Dictionary(grouping: decisions, by: key).sorted { $0.key < $1.key }.map { effect($0.key, $0.value) }
        }
        overall = effect("all offers", decisions)
        byOffer = grouped(by: Self.offerName)
        byIntent = grouped(by: \.intent)
        byArchetype = grouped { $0.archetypeID ?? "unknown" }
        byChurnBand = grouped { $0.churnBand ?? "unknown" }
    }

    /// "15 % off", "free shipping" or "15 % off + free shipping".
    static func offerName(_ decision: DecisionOutcome) -> String {
        switch (decision.offerPercent > 0, decision.freeShipping) {
        case (true, true): "\(decision.offerPercent) % off + free shipping"
        case (true, false): "\(decision.offerPercent) % off"
        default: "free shipping"
        }
    }

    enum CodingKeys: String, CodingKey {
        case overall
        case asOf = "as_of"
        case windowDays = "window_days"
        case minimumPerArm = "minimum_per_arm"
        case byOffer = "by_offer"
        case byIntent = "by_intent"
        case byArchetype = "by_archetype"
        case byChurnBand = "by_churn_band"
    }
}
