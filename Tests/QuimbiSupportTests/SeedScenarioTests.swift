import QuimbiCore
import QuimbiSupport
import Testing

/// DESIGN §7: the seed's three scenarios for customer 7415378247935 with the default policy.
struct SeedScenarioTests {
    @Test func supplierSwitchIsAChurnThreatWithFifteenPercentAndTheSeedsReply() async {
        let outcome = await Fixtures.outcome(Fixtures.seedMessages[0])
        #expect(outcome.analysis.intent.label == .churnThreat)
        #expect(outcome.analysis.intent.signals.contains("competitor") && outcome.analysis.intent.signals.contains("price"))
        #expect(outcome.customer?.churnLevel == "high" && outcome.customer?.valueTier == "standard")
        let decision = outcome.recommendation
        #expect(decision.offerDiscount && decision.discountPercent == 15 && !decision.freeShipping)
        #expect(!decision.escalate && !decision.followUpRequired && outcome.escalationSummary == nil)
        #expect(decision.reasons.contains("churn_risk_high") && decision.reasons.contains("retention_offer_high_churn"))
        #expect(outcome.draft.generator == .template && outcome.draft.tone == "empathetic")
        #expect(outcome.draft.text == """
            Thank you for your 3 orders over the past year - we truly value your business! I understand budget is important. \
            As a valued customer, I'd like to offer you 15% off your next order. It's been 230 days since your last purchase, \
            and we'd love to welcome you back with this exclusive offer.
            """)
    }

    @Test func colourQuestionIsAProductRecommendationWithTenPercentFromPastItems() async {
        let outcome = await Fixtures.outcome(Fixtures.seedMessages[1])
        #expect(outcome.analysis.intent.label == .productQuestion)
        #expect(outcome.analysis.intent.signals.contains("recommendation"))
        let decision = outcome.recommendation
        #expect(decision.offerDiscount && decision.discountPercent == 10 && !decision.freeShipping && !decision.escalate)
        #expect(decision.reasons.contains("lapsed_customer") && decision.reasons.contains("reengagement_lapsed"))
        #expect(decision.actions.contains("Recommend products based on past purchases"))
        let text = outcome.draft.text
        #expect(text.contains("Cotton thread — cream") && text.contains("Metallic thread — silver"))
        #expect(text.contains("10% off") && text.contains("230 days"))
    }

    @Test func slowShippingIsAServiceComplaintWithShippingDiscountAndManagerFollowUp() async {
        let outcome = await Fixtures.outcome(Fixtures.seedMessages[2])
        #expect(outcome.analysis.intent.label == .serviceComplaint)
        #expect(outcome.analysis.sentiment.label == .negative)
        let decision = outcome.recommendation
        #expect(decision.offerDiscount && (15...20).contains(decision.discountPercent) && decision.freeShipping)
        #expect(decision.escalate && decision.followUpRequired && decision.priority == .high)
        #expect(decision.reasons.contains("service_failure_high_churn"))
        #expect(outcome.draft.tone == "apologetic")
        #expect(outcome.draft.text.hasPrefix("I sincerely apologize"))
        #expect(outcome.draft.text.contains("\(decision.discountPercent)% off") && outcome.draft.text.contains("free expedited shipping"))
        #expect(outcome.draft.text.contains("manager"))
        #expect(outcome.escalationSummary != nil)
        let summary = outcome.escalationSummary
        for fact in ["7415378247935", "standard value", "LTV $179.42", "3 orders", "churn risk 60% high", "service complaint",
                     "took forever to ship", "Manager to call the customer"] {
            #expect(summary?.contains(fact) == true, "summary names \(fact)")
        }
    }

    @Test func behaviourTextAndPromptCarryTheSeedsAnalysis() async {
        let outcome = await Fixtures.outcome(Fixtures.seedMessages[0])
        for line in ["Value tier: Standard ($179.42 LTV", "Purchase pattern: Occasional buyer (3 orders over 250 days)",
                     "Engagement: Cooling down (230 days since last purchase)", "Churn risk: 60% - HIGH",
                     "Archetype strategy: Loyalty program enrollment", "Order #1003", "DECISION: discount: 15% off the next order"] {
            #expect(outcome.prompt.user.contains(line), "prompt has \(line)")
        }
        #expect(outcome.prompt.user.hasSuffix("<customer_message>\n\(Fixtures.seedMessages[0])\n</customer_message>"))
        #expect(outcome.prompt.system.contains("untrusted data"))
    }
}
