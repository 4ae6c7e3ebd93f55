import QuimbiCore

/// The paragraph a manager reads in the escalation event: who, how valuable, how at risk, what
/// happened, what is recommended.
struct EscalationSummary {
    let text: String

    init(_ context: SupportContext) {
        let ticket = context.facts.ticket
        let who: String = context.customer.map { customer in
            "Customer \(customer.customerID) — \(customer.valueTier) value (LTV $\(Money.format(customer.lifetimeValue)), "
                + "\(customer.totalOrders) orders, last \(customer.daysSinceLastPurchase) days ago), "
                + "churn risk \(Percent.format(customer.churnRiskScore)) \(customer.churnLevel)"
        } ?? "Unknown customer\(ticket.customerEmail.map { " <\($0)>" } ?? "") with no purchase history"
        let intent = context.analysis.intent
        let flags = intent.signals.filter { EscalationTrigger(rawValue: $0) != nil }
        let what = "\(intent.label.rawValue.replacingOccurrences(of: "_", with: " ")) on ticket \(ticket.ticketID)"
            + " (sentiment \(context.analysis.sentiment.label.rawValue)"
            + (flags.isEmpty ? "" : "; \(flags.joined(separator: ", ").replacingOccurrences(of: "_", with: " "))") + ")"
        let quote = Self.excerpt(ticket.message)
        let decision = context.recommendation
        text = "\(who). \(what): “\(quote)”. Recommended: \(decision.actions.joined(separator: "; ")). "
            + "Priority \(decision.priority.rawValue); reasons: \(decision.reasons.joined(separator: ", "))."
    }

    /// The message's first 160 characters on one line.
    static func excerpt(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 160 ? line : String(line.prefix(157)) + "…"
    }
}
