import QuimbiCore

/// The deterministic drafter (the default): writes in the ticket's language when it is en, es, fr
/// or de (else English), chooses the tone by intent and sentiment, and cites only facts from the
/// context — order count, time since the last purchase, items bought with their variants, the
/// order in question (number, date, status, items, carrier, tracking) or why it cannot be cited,
/// the items recommended with what they bought (product questions, lapsed customers) — and exactly
/// the policy's offer. Secondary intents get their own sentence.
public struct TemplateDrafter: Drafter {
    /// The template drafter.
    public init() {}

    public func draft(_ context: SupportContext, deadline: ContinuousClock.Instant) async -> Draft {
        compose(context)
    }

    /// Intents whose reply may remind a lapsed customer of the time since the last purchase.
    static let welcomesBack: Set<IntentLabel> = [.churnThreat, .productQuestion, .discountRequest, .praise, .general]

    /// The template draft, synchronously.
    public func compose(_ context: SupportContext) -> Draft {
        let phrases = TemplatePhrases.forLanguage(context.analysis.language)
        let intent = context.analysis.intent.label
        let decision = context.recommendation
        var sentences: [String] = []
        if intent == .serviceComplaint { sentences.append(phrases.apology) }
        if let customer = context.customer, customer.totalOrders > 1 {
            sentences.append(phrases.thanksForOrders(customer.totalOrders, customer.customerTenureDays))
        } else if intent != .praise {
            sentences.append(phrases.thanksForWriting)
        }
        sentences += intentSentences(context, phrases: phrases)
        if decision.offerDiscount {
            sentences.append(phrases.offer(decision.discountPercent, decision.freeShipping))
        } else if decision.freeShipping {
            sentences.append(phrases.freeShippingOnly)
        }
        if let customer = context.customer, customer.daysSinceLastPurchase >= 60, Self.welcomesBack.contains(intent) {
            sentences.append(phrases.welcomeBack(customer.daysSinceLastPurchase, decision.offerDiscount))
            let suggestions = context.facts.recommendedItems
            if intent != .productQuestion, !suggestions.isEmpty { sentences.append(phrases.alsoLike(phrases.list(suggestions))) }
        }
        if intent == .churnThreat, !decision.offerDiscount { sentences.append(phrases.hateToLose) }
        if decision.escalate { sentences.append(phrases.manager) }
        return Draft(text: sentences.joined(separator: " "), tone: tone(context), generator: .template)
    }

    /// Intents that, named beside the primary one, get their own sentence (never an offer: offers follow the decision).
    static let answeredAsSecondary: [IntentLabel] = [.orderStatus, .productQuestion, .refundReturn, .cancelOrder, .billing, .account]

    /// Intents whose reply cites the order in question.
    static let citesOrder: Set<IntentLabel> = [.orderStatus, .serviceComplaint, .refundReturn, .cancelOrder]

    /// The primary intent's sentences, then one answer to each secondary intent the reading is sure
    /// of (not when the primary is the uncertain `general`), each sentence said once.
    private func intentSentences(_ context: SupportContext, phrases: TemplatePhrases) -> [String] {
        let intent = context.analysis.intent
        let secondaries = intent.label == .general ? [] : intent.secondary.filter(Self.answeredAsSecondary.contains)
        // The order in question is found (and worded) once, however many of the intents cite it.
        let order = ([intent.label] + secondaries).contains(where: Self.citesOrder.contains)
            ? OrderSentences.sentences(context.orderInQuestion, phrases: phrases) : []
        var sentences = sentences(for: intent.label, context, order: order, phrases: phrases)
        for label in secondaries {
            sentences += self.sentences(for: label, context, order: order, phrases: phrases).filter { !sentences.contains($0) }
        }
        return sentences
    }

    /// The sentences answering `label`; `order` is what the reply says of the order in question.
    private func sentences(for label: IntentLabel, _ context: SupportContext, order: [String], phrases: TemplatePhrases) -> [String] {
        switch label {
        case .churnThreat:
            return context.analysis.intent.signals.contains("price") ? [phrases.budget] : []
        case .productQuestion:
            let items = Array(context.itemsBought.prefix(3))
            let suggestions = context.facts.recommendedItems
            if items.isEmpty { return [suggestions.isEmpty ? phrases.intentLine(.general) : phrases.alsoLike(phrases.list(suggestions))] }
            return [suggestions.isEmpty ? phrases.recommend(phrases.list(items)) : phrases.recommendWith(phrases.list(items), phrases.list(suggestions))]
        case .orderStatus, .serviceComplaint: return order
        case .refundReturn: return order + [phrases.intentLine(.refund)]
        case .cancelOrder: return order + [phrases.intentLine(.cancel)]
        case .billing: return [phrases.intentLine(.billing)]
        case .account: return [phrases.intentLine(.account)]
        case .praise: return [phrases.intentLine(.praise)]
        case .discountRequest: return context.recommendation.offerDiscount ? [] : [phrases.intentLine(.discountAsked)]
        case .general: return [phrases.intentLine(.general)]
        }
    }

    private func tone(_ context: SupportContext) -> String {
        switch context.analysis.intent.label {
        case .serviceComplaint: "apologetic"
        case .churnThreat: "empathetic"
        case .praise: "grateful"
        default: context.analysis.sentiment.label == .negative ? "empathetic" : "friendly"
        }
    }
}
