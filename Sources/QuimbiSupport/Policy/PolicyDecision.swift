import QuimbiCore

extension SupportPolicy {
    /// Maps a ticket's analysis and the customer's profile to the recommendation. Every decision
    /// carries stable reason codes; the drafter only words it.
    public func decide(analysis: TicketAnalysis, customer: CustomerInsight?) -> Recommendation {
        let intent = analysis.intent.label
        let band = customer.map { churnBand($0.churnRiskScore) }
        let tier = customer.map { valueTier($0.lifetimeValue) }
        let lapsed = customer.map { $0.daysSinceLastPurchase >= lapsedAfterDays }
        var reasons: [String] = []
        var actions: [String] = []
        if let band, let tier {
            reasons += ["churn_risk_\(band.rawValue)", "value_tier_\(tier.rawValue)"]
            if lapsed == true { reasons.append("lapsed_customer") }
        } else {
            reasons.append("customer_unknown")
        }
        reasons.append(intent == .serviceComplaint ? "service_failure" : intent.rawValue)

        var discount = 0
        var freeShipping = false
        if let band, let tier, let lapsed,
           let rule = discountRules.first(where: { $0.matches(intent: intent, band: band, tier: tier, lapsed: lapsed) }) {
            discount = rule.percent
            freeShipping = rule.freeShipping
            reasons.append(rule.reason)
            if let cap = discountCaps[tier], discount > cap {
                discount = cap
                reasons.append("discount_capped_by_tier")
            }
        } else if customer == nil, discountRules.contains(where: { $0.intents.contains(intent) }) {
            reasons.append("no_offer_unknown_customer")
        }

        var escalationPriority: Priority?
        let fired = triggers(analysis)
        for rule in escalationRules where fired.contains(rule.trigger) && rule.matches(band: band, tier: tier) {
            if !reasons.contains(rule.reason) { reasons.append(rule.reason) }
            escalationPriority = max(escalationPriority ?? rule.priority, rule.priority)
        }
        var withheld: WithheldOffer?
        if discount > 0 || freeShipping, escalationPriority == nil, let customer,
           RetentionHoldout.contains(customer.customerID, percent: holdoutPercent) {
            withheld = WithheldOffer(discountPercent: discount, freeShipping: freeShipping)
            discount = 0
            freeShipping = false
            reasons.append("retention_holdout")
        }
        if !LanguageDetector.supported.contains(analysis.language) { reasons.append("language_unsupported") }

        actions += IntentActions.actions(for: intent, hasHistory: customer.map { $0.totalOrders > 0 } ?? false)
        if discount > 0 {
            actions.append("Offer \(discount)% off the next order\(freeShipping ? " with free expedited shipping" : "")")
        } else if freeShipping {
            actions.append("Offer free expedited shipping on the next order")
        }
        if let escalationPriority {
            actions.append(escalationPriority == .urgent ? "Manager to review today before any reply is sent" : "Manager to call the customer within one business day")
        }
        if reasons.contains("language_unsupported") {
            actions.append("Have someone who reads the customer's language (\(analysis.language)) check the message and the reply")
        }
        let priority = escalationPriority ?? (intent == .praise ? .low : .normal)
        return Recommendation(
            offerDiscount: discount > 0, discountPercent: discount, freeShipping: freeShipping,
            escalate: escalationPriority != nil, followUpRequired: escalationPriority != nil || reasons.contains("language_unsupported"),
            priority: priority, reasons: reasons, actions: actions, withheldOffer: withheld
        )
    }

    private func triggers(_ analysis: TicketAnalysis) -> Set<EscalationTrigger> {
        var fired = Set<EscalationTrigger>()
        if analysis.intent.label == .serviceComplaint { fired.insert(.serviceFailure) }
        if analysis.sentiment.label == .negative { fired.insert(.negativeSentiment) }
        for signal in analysis.intent.signals {
            if let trigger = EscalationTrigger(rawValue: signal) { fired.insert(trigger) }
        }
        return fired
    }
}

extension DiscountRule {
    func matches(intent: IntentLabel, band: ChurnBand, tier: ValueTier, lapsed: Bool) -> Bool {
        intents.contains(intent) && (churnBands?.contains(band) ?? true) && (valueTiers?.contains(tier) ?? true)
            && (self.lapsed.map { $0 == lapsed } ?? true)
    }
}

extension EscalationRule {
    /// Unknown customers match only rules without customer conditions.
    func matches(band: ChurnBand?, tier: ValueTier?) -> Bool {
        if let churnBands { guard let band, churnBands.contains(band) else { return false } }
        if let valueTiers { guard let tier, valueTiers.contains(tier) else { return false } }
        return true
    }
}

/// What the agent should do for each intent, before any offer.
enum IntentActions {
    static func actions(for intent: IntentLabel, hasHistory: Bool) -> [String] {
        switch intent {
        case .churnThreat: ["Acknowledge the relationship and highlight quality, service and unique products"]
        case .serviceComplaint: ["Apologise for the service failure and check the order's shipment"]
        case .orderStatus: ["Share the order's status and tracking link"]
        case .refundReturn: ["Explain the return steps and process the request under the store's return policy"]
        case .cancelOrder: ["Cancel the order if it has not shipped, otherwise explain the return steps"]
        case .productQuestion: [hasHistory ? "Recommend products based on past purchases" : "Answer the product question"]
        case .discountRequest: ["Point to current promotions; no discount beyond the decision"]
        case .billing: ["Check the payment records and correct any wrong charge"]
        case .account: ["Help with the account request after verifying the customer's identity"]
        case .praise: ["Thank the customer warmly"]
        case .general: ["Answer the question"]
        }
    }
}
