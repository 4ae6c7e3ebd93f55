@testable import QuimbiSupport
import QuimbiCore
import Testing

/// The guardrail alone: what an LLM draft may and may not say for a decision.
struct DraftGuardrailTests {
    private let guardrail = DraftGuardrail()
    static let fifteen = Recommendation(
        offerDiscount: true, discountPercent: 15, freeShipping: false, escalate: false, followUpRequired: false,
        priority: .normal, reasons: [], actions: [])
    static let nothing = Recommendation(
        offerDiscount: false, discountPercent: 0, freeShipping: false, escalate: false, followUpRequired: false,
        priority: .normal, reasons: [], actions: [])
    static let recovery = Recommendation(
        offerDiscount: true, discountPercent: 20, freeShipping: true, escalate: true, followUpRequired: true,
        priority: .high, reasons: [], actions: [])

    @Test(arguments: [
        "We'd love to keep you: here is 15% off your next order.",
        "Como agradecimiento, le ofrecemos un 15 por ciento de descuento.",
        "Nous vous offrons 15 % de réduction sur votre prochaine commande.",
        "Thank you for your 3 orders over the past year!",
    ])
    func theDecidedOfferPasses(text: String) {
        #expect(guardrail.check(text, against: Self.fifteen) == nil)
    }

    @Test(arguments: [
        ("Here is 20% off your next order.", DraftGuardrail.Rejection.discountMismatch),
        ("Enjoy 15% off, and another 5 percent if you order today.", .discountMismatch),
        ("Wir bieten Ihnen 25 Prozent Rabatt an.", .discountMismatch),
        ("Enjoy 15% off plus free shipping.", .unapprovedShipping),
        ("I've refunded your last order and you get 15% off.", .unapprovedCompensation),
        ("You'll also receive store credit of $10 on top of 15% off.", .unapprovedCompensation),
    ])
    func anythingElseIsRejected(text: String, rejection: DraftGuardrail.Rejection) {
        #expect(guardrail.check(text, against: Self.fifteen) == rejection)
    }

    @Test func aNumberNotInTheFactsIsRejected() {
        let facts = "Order #1003 on 2026-02-03: USD 59.81, fulfilled — Cotton thread ×3 · tracking USPS 9400111899223\nDECISION: discount: 15% off"
        #expect(guardrail.check("Your order #1003 of 3 February 2026 left with USPS (9400111899223); enjoy 15% off.", against: Self.fifteen, facts: facts) == nil)
        #expect(guardrail.check("Your order #1004 is on its way.", against: Self.fifteen, facts: facts) == .unsupportedFact)
        #expect(guardrail.check("Call us on 202-351-1121 about order #1003.", against: Self.fifteen, facts: facts) == .unsupportedFact)
        #expect(guardrail.check("Your order #1004 is on its way.", against: Self.fifteen) == nil, "without facts only the offer is checked")
    }

    @Test func noDecisionMeansNoOfferAtAll() {
        #expect(guardrail.check("I'm checking where your order is and will update you today.", against: Self.nothing) == nil)
        #expect(guardrail.check("Use the coupon WELCOME for your next order.", against: Self.nothing) == .unapprovedDiscount)
        #expect(guardrail.check("Take 10% off as an apology.", against: Self.nothing) == .unapprovedDiscount)
        #expect(guardrail.check("Le ofrecemos un descuento especial.", against: Self.nothing) == .unapprovedDiscount)
    }

    @Test func serviceRecoveryMayMentionShippingButNotRefunds() {
        #expect(guardrail.check("Sorry! Here is 20% off and free expedited shipping; a manager will call you.", against: Self.recovery) == nil)
        #expect(guardrail.check("Sorry! We will refund the shipping cost and give 20% off.", against: Self.recovery) == .unapprovedCompensation)
    }

    @Test func promptLeaksAreRejected() {
        #expect(guardrail.check("DECISION: discount: 15% off the next order", against: Self.fifteen) == .promptLeak)
    }
}
