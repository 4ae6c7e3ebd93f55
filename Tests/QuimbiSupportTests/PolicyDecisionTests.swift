import QuimbiCore
import QuimbiSupport
import Testing

/// The default policy beyond the seed: bands, caps, unknown customers, escalation rules.
struct PolicyDecisionTests {
    static let lowChurn = Fixtures.profile(lifetimeValue: 300, churn: 0.1)

    @Test(arguments: ["Your prices are too high, I'm switching to another store.", "What color would go with my last order?",
                      "Do you have a discount code?", "Where is my order?"])
    func lowChurnGetsNoDiscountWithoutAServiceFailure(message: String) async {
        let outcome = await Fixtures.outcome(message, profile: Self.lowChurn)
        #expect(!outcome.recommendation.offerDiscount && outcome.recommendation.discountPercent == 0)
        #expect(outcome.recommendation.reasons.contains("churn_risk_low"))
        #expect(!outcome.draft.text.contains("%"))
    }

    @Test func lowChurnServiceFailureStillGetsServiceRecovery() async {
        let outcome = await Fixtures.outcome("The parcel arrived damaged, the spools are crushed.", profile: Self.lowChurn)
        #expect(outcome.analysis.intent.label == .serviceComplaint)
        #expect(outcome.recommendation.discountPercent == 15 && outcome.recommendation.freeShipping)
        #expect(!outcome.recommendation.escalate)
    }

    @Test func discountsAreCappedByValueTier() async {
        let lowValue = Fixtures.profile(lifetimeValue: 40, orders: 2, churn: 0.8)
        let outcome = await Fixtures.outcome("My order took forever to ship, unacceptable.", profile: lowValue)
        #expect(outcome.recommendation.discountPercent == 10)
        #expect(outcome.recommendation.reasons.contains("discount_capped_by_tier"))
        #expect(outcome.recommendation.reasons.contains("value_tier_low"))
    }

    @Test func unknownCustomersGetNoOfferButStillEscalateOnLegalThreats() async {
        let churn = await Fixtures.outcome(Fixtures.seedMessages[0], profile: nil)
        #expect(churn.customer == nil && !churn.recommendation.offerDiscount)
        #expect(churn.recommendation.reasons.contains("customer_unknown") && churn.recommendation.reasons.contains("no_offer_unknown_customer"))
        #expect(churn.draft.text.hasPrefix("Thank you for reaching out.") && !churn.draft.text.contains("%"))
        let legal = await Fixtures.outcome("I was charged twice. If this isn't fixed I will contact my lawyer.", profile: nil)
        #expect(legal.recommendation.escalate && legal.recommendation.priority == .urgent)
        #expect(legal.recommendation.reasons.contains("legal_threat"))
        #expect(legal.escalationSummary?.contains("Unknown customer") == true)
    }

    @Test func chargebackRepeatedContactAndHighValueAnger() async {
        let chargeback = await Fixtures.outcome("I'll file a chargeback with my bank if I don't get an answer.", profile: Self.lowChurn)
        #expect(chargeback.recommendation.escalate && chargeback.recommendation.priority == .urgent)
        #expect(chargeback.recommendation.reasons.contains("chargeback_threat"))
        let repeated = await Fixtures.outcome("This is the third time I'm asking where my order is.", profile: Self.lowChurn)
        #expect(repeated.recommendation.escalate && repeated.recommendation.reasons.contains("repeated_contact"))
        let vip = Fixtures.profile(lifetimeValue: 2_400, orders: 30, churn: 0.2)
        let angry = await Fixtures.outcome("Honestly the last batch of thread was awful and I'm really disappointed.", profile: vip)
        #expect(angry.recommendation.escalate && angry.recommendation.reasons.contains("high_value_negative_sentiment"))
        let calm = await Fixtures.outcome("Do you have the silver thread in a 1000 m cone?", profile: vip)
        #expect(!calm.recommendation.escalate && calm.recommendation.priority == .normal)
    }

    @Test func unsupportedLanguageIsMarkedForAHuman() async {
        let outcome = await Fixtures.outcome("Olá, ainda não recebi a minha encomenda. Onde está o meu pedido? Obrigado")
        #expect(outcome.analysis.language == "pt" && !outcome.analysis.languageSupported)
        #expect(outcome.recommendation.reasons.contains("language_unsupported") && outcome.recommendation.followUpRequired)
        #expect(outcome.recommendation.actions.contains { $0.contains("(pt)") })
    }

    @Test func decisionIgnoresEverythingButPolicyInputs() {
        let analysis = TicketAnalysis(intent: Intent(label: .churnThreat, confidence: 0.9, signals: ["competitor"]),
                                      sentiment: Sentiment(label: .negative, score: -0.5), language: "en")
        let insight = SupportPolicy.default.insight(for: Fixtures.seedProfile.snapshot(asOf: Fixtures.asOf))
        let first = SupportPolicy.default.decide(analysis: analysis, customer: insight)
        #expect(first == SupportPolicy.default.decide(analysis: analysis, customer: insight))
        var stingy = SupportPolicy.default
        stingy.discountCaps[.standard] = 5
        #expect(stingy.decide(analysis: analysis, customer: insight).discountPercent == 5)
    }
}
