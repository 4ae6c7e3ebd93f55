import QuimbiCore

/// The deterministic drafter: tone by intent, cites only facts in the context.
public struct TemplateDrafter: Drafter {
    public init() {}

    public func draft(_ context: SupportContext, deadline: ContinuousClock.Instant) async -> Draft {
        compose(context)
    }

    /// The template draft, synchronously.
    public func compose(_ context: SupportContext) -> Draft {
        let decision = context.recommendation
        var sentences: [String] = []
        let tone: String
        switch context.analysis.intent.label {
        case .serviceComplaint:
            tone = "apologetic"
            sentences.append("I sincerely apologize for the trouble with your order, and I understand how frustrating this must be.")
        case .churnThreat:
            tone = "empathetic"
        default:
            tone = "friendly"
        }
        if let customer = context.customer, customer.totalOrders > 1 {
            sentences.append("Thank you for your \(customer.totalOrders) orders over the past \(tenurePhrase(customer.customerTenureDays)) - we truly value your business!")
        } else {
            sentences.append("Thank you for reaching out.")
        }
        if context.analysis.intent.label == .churnThreat { sentences.append("I understand budget is important.") }
        if context.analysis.intent.label == .productQuestion, !context.itemsBought.isEmpty {
            sentences.append("Based on your previous orders of \(listPhrase(Array(context.itemsBought.prefix(3)))), I'd be glad to suggest colors that pair well with them.")
        }
        if decision.offerDiscount {
            let extra = decision.freeShipping ? " together with free expedited shipping" : ""
            sentences.append("As a valued customer, I'd like to offer you \(decision.discountPercent)% off your next order\(extra).")
        } else if decision.freeShipping {
            sentences.append("I'd like to offer you free expedited shipping on your next order.")
        }
        if let customer = context.customer, customer.daysSinceLastPurchase >= 60 {
            sentences.append("It's been \(customer.daysSinceLastPurchase) days since your last purchase, and we'd love to welcome you back.")
        }
        if decision.escalate { sentences.append("I've also asked a manager to follow up with you personally.") }
        return Draft(text: sentences.joined(separator: " "), tone: tone, generator: .template)
    }

    private func tenurePhrase(_ days: Int) -> String {
        switch days {
        case ..<200: "\(days) days"
        case ..<550: "year"
        default: "\(Int((Double(days) / 365).rounded())) years"
        }
    }

    private func listPhrase(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
