import QuimbiCore

/// The deterministic drafter (the default): writes in the ticket's language when it is en, es, fr
/// or de (else English), chooses the tone by intent and sentiment, and cites only facts from the
/// context — order count, time since the last purchase, items bought, tracking of an order in
/// transit — and exactly the policy's offer.
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
        }
        if intent == .churnThreat, !decision.offerDiscount { sentences.append(phrases.hateToLose) }
        if decision.escalate { sentences.append(phrases.manager) }
        return Draft(text: sentences.joined(separator: " "), tone: tone(context), generator: .template)
    }

    private func intentSentences(_ context: SupportContext, phrases: TemplatePhrases) -> [String] {
        switch context.analysis.intent.label {
        case .churnThreat:
            return context.analysis.intent.signals.contains("price") ? [phrases.budget] : []
        case .productQuestion:
            let items = Array(context.itemsBought.prefix(3))
            return items.isEmpty ? [phrases.intentLine(.general)] : [phrases.recommend(phrases.list(items))]
        case .orderStatus, .serviceComplaint:
            if let (order, tracking) = context.shipmentInTransit {
                return [phrases.tracking(order.name ?? order.id, tracking.company, tracking.number, tracking.url)]
            }
            return context.analysis.intent.label == .orderStatus ? [phrases.intentLine(.orderStatus)] : []
        case .refundReturn: return [phrases.intentLine(.refund)]
        case .cancelOrder: return [phrases.intentLine(.cancel)]
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
