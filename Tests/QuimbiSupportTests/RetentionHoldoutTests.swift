import QuimbiCore
import Testing
@testable import QuimbiSupport

/// The policy's randomised retention holdout: a stable split of customers, offers withheld (and
/// recorded) for the control arm, escalations never held out, and the setting read from policy files.
struct RetentionHoldoutTests {
    static let highChurn = 0.8
    static let ids = (0..<20_000).map { "c-\($0)" }

    /// The first of the sample ids inside (or outside) the control arm of a 50 % holdout.
    static func customer(heldOut: Bool) -> String {
        ids.first { RetentionHoldout.contains($0, percent: 50) == heldOut }!
    }

    static func outcome(_ message: String, customer: String, holdout: Int) async -> SupportOutcome {
        var policy = SupportPolicy.default
        policy.holdoutPercent = holdout
        let profile = Fixtures.profile(id: customer, lifetimeValue: 300, orders: 6, churn: highChurn)
        return await Fixtures.outcome(message, desk: SupportDesk(policy: policy), profile: profile)
    }

    @Test func armsAreAStableSplitOfTheRequestedShare() {
        let heldOut = Self.ids.filter { RetentionHoldout.contains($0, percent: 20) }
        // 20 % of 20,000 is 4,000; a fair split stays within five standard deviations (±283).
        #expect((3_717...4_283).contains(heldOut.count), "\(heldOut.count) of \(Self.ids.count) held out")
        #expect(heldOut.allSatisfy { RetentionHoldout.contains($0, percent: 20) }, "the same customer, the same arm")
        #expect(Self.ids.filter { RetentionHoldout.contains($0, percent: 10) }.allSatisfy { RetentionHoldout.contains($0, percent: 20) },
                "raising the share only adds customers to the control arm")
        #expect(!Self.ids.contains { RetentionHoldout.contains($0, percent: 0) })
    }

    /// Customers must keep their arm across releases: a changed hash would silently reshuffle a running experiment.
    /// (The values were computed independently, in Python, from the algorithm's description.)
    @Test func bucketsArePinned() {
        #expect(RetentionHoldout.bucket(of: "c-1") == 2_801)
        #expect(RetentionHoldout.bucket(of: "4402") == 6_708)
        #expect(RetentionHoldout.bucket(of: "gid://shopify/Customer/7781") == 3_697)
    }

    @Test func theControlArmGetsNoOfferAndTheDecisionRecordsWhatWasWithheld() async {
        let message = Fixtures.seedMessages[0]
        let control = await Self.outcome(message, customer: Self.customer(heldOut: true), holdout: 50)
        #expect(!control.recommendation.offerDiscount && control.recommendation.discountPercent == 0 && !control.recommendation.freeShipping)
        #expect(control.recommendation.holdout == true)
        #expect(control.recommendation.withheldOffer == WithheldOffer(discountPercent: 15, freeShipping: false))
        #expect(control.recommendation.reasons.contains("retention_holdout") && control.recommendation.reasons.contains("retention_offer_high_churn"))
        #expect(!control.draft.text.contains("%") && !control.recommendation.actions.contains { $0.hasPrefix("Offer") })

        let treated = await Self.outcome(message, customer: Self.customer(heldOut: false), holdout: 50)
        #expect(treated.recommendation.offerDiscount && treated.recommendation.discountPercent == 15)
        #expect(treated.recommendation.holdout == nil && treated.recommendation.withheldOffer == nil)
        #expect(treated.draft.text.contains("15%"))
    }

    @Test func withoutAHoldoutNobodyIsHeldOut() async {
        let outcome = await Self.outcome(Fixtures.seedMessages[0], customer: Self.customer(heldOut: true), holdout: 0)
        #expect(outcome.recommendation.discountPercent == 15 && outcome.recommendation.holdout == nil)
    }

    @Test func escalatedTicketsAreNeverHeldOut() async {
        let outcome = await Self.outcome("My order took forever to ship, this is unacceptable.", customer: Self.customer(heldOut: true), holdout: 50)
        #expect(outcome.recommendation.escalate)
        #expect(outcome.recommendation.discountPercent == 20 && outcome.recommendation.holdout == nil)
        #expect(!outcome.recommendation.reasons.contains("retention_holdout"))
    }

    @Test func policyFilesSetAndBoundTheShare() throws {
        let yaml = PolicyFileTests.defaultYAML
        #expect(yaml.contains("\nholdout_percent: 0\n"))
        #expect(try SupportPolicy.parse(yaml: yaml.replacingOccurrences(of: "\nholdout_percent: 0\n", with: "\nholdout_percent: 20\n")).holdoutPercent == 20)
        #expect(try SupportPolicy.parse(yaml: yaml.replacingOccurrences(of: "\nholdout_percent: 0\n", with: "\n")).holdoutPercent == 0)
        for bad in ["60", "-1", "ten", "12.5"] {
            do {
                _ = try SupportPolicy.parse(yaml: yaml.replacingOccurrences(of: "\nholdout_percent: 0\n", with: "\nholdout_percent: \(bad)\n"), path: "p.yaml")
                Issue.record("accepted holdout_percent: \(bad)")
            } catch {
                #expect(error.problems.contains { $0.reason.hasPrefix("holdout_percent must be") }, "\(error.problems)")
            }
        }
    }
}
