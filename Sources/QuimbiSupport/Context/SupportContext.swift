import Foundation
import QuimbiCore

/// The enriched context a drafter works from: the facts, the behavioural reading (as data and as
/// text), the policy's decision and the LLM prompt built from them.
public struct SupportContext: Sendable {
    /// The ticket and what the lookups found.
    public let facts: TicketFacts
    /// Intent, sentiment and language of the ticket.
    public var analysis: TicketAnalysis
    /// The behavioural reading of the profile; nil for unknown customers.
    public var customer: CustomerInsight?
    /// The policy's decision, which every drafter must word exactly.
    public var recommendation: Recommendation
    /// The seed's behavioural analysis as readable lines (value tier, purchase pattern, engagement,
    /// churn level, archetype and its strategy, recommended actions, recent orders).
    public var behaviour: [String]
    /// The LLM prompt (system and user), recorded in the draft event.
    public var prompt: Prompt

    /// Distinct items (with their variants) from the recent orders, most recent first: listed once per
    /// ticket, since the prompt and the drafts both name them.
    public let itemsBought: [String]

    /// The order the ticket is about: the one its message names by number, else the most recent.
    public var orderInQuestion: OrderInQuestion {
        OrderInQuestion(
            message: facts.ticket.message, orders: facts.orders,
            ordersUnavailable: facts.degraded.contains(TicketFacts.ordersSource))
    }
}

/// Builds the ``SupportContext`` and its prompt.
struct ContextBuilder: Sendable {
    func build(facts: TicketFacts, analysis: TicketAnalysis, customer: CustomerInsight?, recommendation: Recommendation) -> SupportContext {
        var context = SupportContext(
            facts: facts, analysis: analysis, customer: customer, recommendation: recommendation,
            behaviour: [], prompt: Prompt(system: "", user: ""), itemsBought: facts.orders.distinctItems
        )
        context.behaviour = BehaviourText.lines(context)
        context.prompt = PromptBuilder().prompt(for: context)
        return context
    }
}

/// The seed's "Behavioral Analysis" for one customer, as text lines.
enum BehaviourText {
    static func lines(_ context: SupportContext) -> [String] {
        var lines: [String] = []
        guard let customer = context.customer else {
            lines.append("Customer: unknown (no purchase history found)")
            return lines + orderLines(context)
        }
        let archetype = context.facts.archetype
        lines.append("Archetype: \(customer.archetypeID)\(archetype.map { " (\($0.label))" } ?? "")")
        lines.append("Value tier: \(customer.valueTier.prefix(1).uppercased() + customer.valueTier.dropFirst()) ($\(Money.format(customer.lifetimeValue)) LTV, average order $\(Money.format(customer.avgOrderValue)))")
        lines.append("Purchase pattern: \(customer.purchasePattern)")
        lines.append("Engagement: \(customer.engagement)")
        lines.append("Churn risk: \(Percent.format(customer.churnRiskScore)) - \(customer.churnLevel.uppercased())")
        if let strategy = archetype?.strategy, !strategy.isEmpty {
            lines.append("Archetype strategy: \(strategy.joined(separator: "; "))")
        }
        if !context.recommendation.actions.isEmpty {
            lines.append("Recommended actions: \(context.recommendation.actions.joined(separator: "; "))")
        }
        return lines + orderLines(context)
    }

    private static func orderLines(_ context: SupportContext) -> [String] {
        context.facts.orders.prefix(5).map { order in
            let items = order.lineItems.map { "\($0.displayName) ×\($0.quantity)" }.joined(separator: ", ")
            let tracking = order.tracking.first.map { tracking in
                " · tracking \([tracking.company, tracking.number].compactMap { $0 }.joined(separator: " "))"
            } ?? ""
            return "Order \(order.name ?? order.id) on \(Day.format(order.createdAt)): \(order.currency) \(Money.format(order.total)), \(order.fulfillmentStatus) — \(items)\(tracking)"
        }
    }
}

/// Number formats used in drafts, prompts and summaries (locale-independent, without Foundation's
/// slow `String(format:)`, since every ticket's prompt uses them).
enum Money {
    /// `179.42`, `-3.50`.
    static func format(_ amount: Double) -> String {
        let cents = Int((abs(amount) * 100).rounded())
        let fraction = cents % 100
        return "\(amount < 0 && cents > 0 ? "-" : "")\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

enum Percent {
    static func format(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
}

enum Day {
    /// `2026-04-09` (UTC), without a date formatter.
    static func format(_ date: Date) -> String { RFC3339.fullDate(from: date) }
}
