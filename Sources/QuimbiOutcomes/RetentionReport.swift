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
        var tallies: [OutcomeDimension: [String: OutcomeTally]] = [:]
        for decision in decisions {
            let closed = decision.decidedAt.addingTimeInterval(Double(windowDays) * 86_400) <= asOf
            for dimension in OutcomeDimension.allCases {
                tallies[dimension, default: [:]][Self.group(of: decision, by: dimension), default: OutcomeTally()].add(decision, closed: closed)
            }
        }
        self.init(tallies: tallies, asOf: asOf, windowDays: windowDays, minimumPerArm: minimumPerArm)
    }

    /// The report of decisions already summed per group (by the database: see
    /// ``OutcomeRepository/offerTallies(withinDays:asOf:)``).
    public init(tallies: [OutcomeDimension: [String: OutcomeTally]], asOf: Date, windowDays: Int, minimumPerArm: Int = 30) {
        self.asOf = asOf
        self.windowDays = windowDays
        self.minimumPerArm = minimumPerArm
        func effects(_ dimension: OutcomeDimension) -> [OfferEffect] {
            (tallies[dimension] ?? [:]).sorted { $0.key < $1.key }.map { OfferEffect(group: $0.key, tally: $0.value, minimumPerArm: minimumPerArm) }
        }
        overall = effects(.overall).first ?? OfferEffect(group: Self.allOffers, tally: OutcomeTally(), minimumPerArm: minimumPerArm)
        byOffer = effects(.offer)
        byIntent = effects(.intent)
        byArchetype = effects(.archetype)
        byChurnBand = effects(.churnBand)
    }

    /// The group of all decisions.
    static let allOffers = "all offers"

    /// The group `decision` falls in when decisions are cut by `dimension`.
    static func group(of decision: DecisionOutcome, by dimension: OutcomeDimension) -> String {
        switch dimension {
        case .overall: allOffers
        case .offer: decision.offerName
        case .intent: decision.intent
        case .archetype: decision.archetypeID ?? "unknown"
        case .churnBand: decision.churnBand ?? "unknown"
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
