import Foundation
import QuimbiCore

/// The enriched context a drafter works from: the facts, the behavioural reading, the policy's
/// decision and the LLM prompt built from them (which words the reading as text).
public struct SupportContext: Sendable {
    /// The ticket and what the lookups found.
    public let facts: TicketFacts
    /// Intent, sentiment and language of the ticket.
    public var analysis: TicketAnalysis
    /// The behavioural reading of the profile; nil for unknown customers.
    public var customer: CustomerInsight?
    /// The policy's decision, which every drafter must word exactly.
    public var recommendation: Recommendation
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
            prompt: Prompt(system: "", user: ""), itemsBought: facts.itemsBought
        )
        context.prompt = PromptBuilder().prompt(for: context)
        return context
    }
}

/// The seed's "Behavioral Analysis" for one customer (value tier, purchase pattern, engagement, churn
/// level, archetype and its strategy, recommended actions, recent orders), written as the prompt's
/// CUSTOMER lines. Every ticket's prompt holds them, so they are appended to it piece by piece rather
/// than built as lines and joined.
enum BehaviourText {
    /// Appends each line to `text` as a new line starting with "- ".
    static func write(_ context: SupportContext, to text: inout OutputBuffer) {
        guard let customer = context.customer else {
            text.append("\n- Customer: unknown (no purchase history found)")
            writeOrders(context.facts.orders, to: &text)
            return
        }
        let archetype = context.facts.archetype
        text.append("\n- Archetype: ")
        text.append(customer.archetypeID)
        if let archetype {
            text.append(" (")
            text.append(archetype.label)
            text.append(")")
        }
        text.append("\n- Value tier: ")
        text.append(customer.valueTier.prefix(1).uppercased())
        text.append(customer.valueTier.dropFirst())
        text.append(" ($")
        text.append(Money.format(customer.lifetimeValue))
        text.append(" LTV, average order $")
        text.append(Money.format(customer.avgOrderValue))
        text.append(")\n- Purchase pattern: ")
        text.append(customer.purchasePattern)
        text.append("\n- Engagement: ")
        text.append(customer.engagement)
        text.append("\n- Churn risk: ")
        text.append(Percent.format(customer.churnRiskScore))
        text.append(" - ")
        text.append(customer.churnLevel.uppercased())
        if let strategy = archetype?.strategy, !strategy.isEmpty {
            text.append("\n- Archetype strategy: ")
            text.append(joining: strategy, separator: "; ")
        }
        if !context.recommendation.actions.isEmpty {
            text.append("\n- Recommended actions: ")
            text.append(joining: context.recommendation.actions, separator: "; ")
        }
        writeOrders(context.facts.orders, to: &text)
    }

    /// One line per recent order (at most five): number, day, total, status, items with their
    /// quantities, and the first shipment's carrier and tracking number.
    private static func writeOrders(_ orders: [Order], to text: inout OutputBuffer) {
        for order in orders.prefix(5) {
            text.append("\n- Order ")
            text.append(order.name ?? order.id)
            text.append(" on ")
            text.append(Day.format(order.createdAt))
            text.append(": ")
            text.append(order.currency)
            text.append(" ")
            text.append(Money.format(order.total))
            text.append(", ")
            text.append(order.fulfillmentStatus)
            text.append(" — ")
            for (index, line) in order.lineItems.enumerated() {
                if index > 0 { text.append(", ") }
                line.writeDisplayName(to: &text)
                text.append(" ×")
                text.append(String(line.quantity))
            }
            if let tracking = order.tracking.first {
                text.append(" · tracking ")
                if let company = tracking.company {
                    text.append(company)
                    if tracking.number != nil { text.append(" ") }
                }
                if let number = tracking.number { text.append(number) }
            }
        }
    }
}

/// Number formats used in drafts, prompts and summaries (locale-independent, without Foundation's
/// slow `String(format:)`, since every ticket's prompt uses them).
enum Money {
    /// `179.42`, `-3.50`. Written digit by digit (string interpolation cost a microsecond a call, and a prompt
    /// has a dozen amounts).
    static func format(_ amount: Double) -> String {
        let cents = Int((abs(amount) * 100).rounded())
        let sign = amount < 0 && cents > 0 ? 1 : 0
        let units = UInt64(cents / 100)
        let digits = DecimalDigits.count(of: units)
        let length = sign + digits + 3
        return String(unsafeUninitializedCapacity: length) { text in
            let out = text.baseAddress!
            if sign == 1 { out[0] = UInt8(ascii: "-") }
            DecimalDigits.write(units, count: digits, into: out + sign)
            out[sign + digits] = UInt8(ascii: ".")
            DecimalDigits.write(UInt64(cents % 100), count: 2, into: out + sign + digits + 1)
            return length
        }
    }
}

enum Percent {
    static func format(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
}

enum Day {
    /// `2026-04-09` (UTC), without a date formatter.
    static func format(_ date: Date) -> String { RFC3339.fullDate(from: date) }
}
