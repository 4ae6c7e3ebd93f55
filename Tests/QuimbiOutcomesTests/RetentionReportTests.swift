import Foundation
import QuimbiCore
import QuimbiStore
import Testing
@testable import QuimbiOutcomes

/// The retention report on decisions simulated with a known true effect of the offers.
struct RetentionReportTests {
    static let asOf = Date(timeIntervalSince1970: 1_790_000_000)

    /// `treated` decisions converting at `treatedRate` and `controlled` at `controlRate`, all 45 to 400 days old,
    /// next orders of 50 (paid after the 15 % discount in the treated arm).
    static func simulate(treated: Int, treatedRate: Double, controlled: Int, controlRate: Double, seed: UInt64 = 1) -> [DecisionOutcome] {
        var random = SplitMix64(state: seed)
        return (0..<(treated + controlled)).map { index in
            let holdout = index >= treated
            let decidedAt = asOf.addingTimeInterval(-86_400 * (45 + 355 * random.unit()))
            let converts = random.unit() < (holdout ? controlRate : treatedRate)
            return DecisionOutcome(
                decidedAt: decidedAt, intent: index % 2 == 0 ? "churn_threat" : "service_complaint", churnBand: "high", archetypeID: "arch_1",
                holdout: holdout, offerPercent: 15, freeShipping: false,
                nextOrderAt: converts ? decidedAt.addingTimeInterval(86_400 * 10) : nil, nextOrderTotal: converts ? 50 : nil)
        }
    }

    /// Newcombe (1998), table II, example (a): 56/70 against 48/80, method 10 gives 0.0524 to 0.3339.
    @Test func upliftIntervalReproducesNewcombesExample() throws {
        let interval = try #require(UpliftInterval(treated: 56, of: 70, controlled: 48, of: 80))
        #expect(abs(interval.uplift - 0.2) < 1e-9)
        #expect(abs(interval.lower - 0.0524) < 0.0001 && abs(interval.upper - 0.3339) < 0.0001, "\(interval)")
        #expect(interval.isSignificant)
        #expect(UpliftInterval(treated: 1, of: 0, controlled: 1, of: 3) == nil)
    }

    @Test func aRealEffectIsFoundAndItsIntervalCoversTheTruth() throws {
        let report = RetentionReport(
            decisions: Self.simulate(treated: 4_000, treatedRate: 0.30, controlled: 1_000, controlRate: 0.20), asOf: Self.asOf, windowDays: 30)
        let uplift = try #require(report.overall.uplift)
        #expect(uplift.lower < 0.10 && 0.10 < uplift.upper, "\(uplift)")
        #expect(uplift.lower > 0 && report.overall.verdict == "offers raise orders")
        #expect(report.overall.treated.decisions == 4_000 && report.overall.control.decisions == 1_000 && report.overall.pending == 0)
        // 0.10 more orders of 50 per decision, and 50 × 15/85 given away on each of the 30 % treated orders.
        #expect(abs((report.overall.incrementalRevenuePerDecision ?? 0) - 5.0) < 1.5)
        #expect(abs((report.overall.discountCostPerDecision ?? 0) - 0.30 * 50 * 15 / 85) < 0.5)
        #expect(report.byOffer.map(\.group) == ["15 % off"] && report.byIntent.map(\.group) == ["churn_threat", "service_complaint"])
    }

    @Test func noEffectIsNotReportedAsOne() throws {
        let report = RetentionReport(
            decisions: Self.simulate(treated: 3_000, treatedRate: 0.25, controlled: 1_000, controlRate: 0.25, seed: 9), asOf: Self.asOf, windowDays: 30)
        let uplift = try #require(report.overall.uplift)
        #expect(uplift.lower < 0 && uplift.upper > 0 && report.overall.verdict == "no measurable effect", "\(uplift)")
    }

    @Test func tooFewDecisionsSayNotEnoughDataAndShowNoRate() {
        let report = RetentionReport(
            decisions: Self.simulate(treated: 200, treatedRate: 0.3, controlled: 12, controlRate: 0.1), asOf: Self.asOf, windowDays: 30)
        #expect(report.overall.verdict == "not enough data yet")
        #expect(report.overall.uplift == nil && report.overall.netRevenuePerDecision == nil)
        #expect(report.overall.control.decisions == 12)
    }

    @Test func decisionsInsideTheirWindowArePendingNotCountedAsLost() {
        let recent = DecisionOutcome(
            decidedAt: Self.asOf.addingTimeInterval(-86_400 * 5), intent: "churn_threat", churnBand: "high", archetypeID: nil,
            holdout: false, offerPercent: 10, freeShipping: true, nextOrderAt: nil, nextOrderTotal: nil)
        let report = RetentionReport(decisions: [recent], asOf: Self.asOf, windowDays: 30)
        #expect(report.overall.pending == 1 && report.overall.treated.decisions == 0)
        #expect(report.byOffer.map(\.group) == ["10 % off + free shipping"] && report.byArchetype.map(\.group) == ["unknown"])
    }

    /// Offers of 20 % whose next orders of 40 carried 7.50, nothing, or did not say, against one held-out
    /// decision: each costs what its order carried, and only the order that does not say is assumed to
    /// have redeemed the offer (40 × 20 / 80 = 10).
    @Test func aNextOrdersOwnDiscountIsItsCostAndOnlyAnUnknownOneIsAssumed() throws {
        func decision(holdout: Bool = false, discount: Double?) -> DecisionOutcome {
            let decidedAt = Self.asOf.addingTimeInterval(-86_400 * 60)
            return DecisionOutcome(
                decidedAt: decidedAt, intent: "churn_threat", churnBand: "high", archetypeID: nil, holdout: holdout, offerPercent: 20,
                freeShipping: false, nextOrderAt: decidedAt.addingTimeInterval(86_400 * 5), nextOrderTotal: 40, nextOrderDiscount: discount)
        }
        func report(_ discounts: [Double?]) -> OfferEffect {
            RetentionReport(decisions: discounts.map { decision(discount: $0) } + [decision(holdout: true, discount: 0)],
                            asOf: Self.asOf, windowDays: 30, minimumPerArm: 1).overall
        }
        #expect(report([7.5]).discountCostPerDecision == 7.5, "not the assumed 10")
        #expect(report([0]).discountCostPerDecision == 0)
        #expect(report([nil]).discountCostPerDecision == 10)
        let mixed = report([7.5, 0, nil])
        #expect(mixed.discountCostPerDecision == 17.5 / 3)
        #expect(mixed.discountUse == DiscountUse(DiscountTally(given: 17.5, observed: 2, assumed: 1, redeemed: 1)))
        #expect(mixed.discountUse.redemptionRate == 0.5 && report([nil]).discountUse.redemptionRate == nil)
    }
}
