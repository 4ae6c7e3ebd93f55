import Foundation
import QuimbiCore

/// Renders drafts, escalations and dead letters for a person reading the terminal.
enum DemoPrinter {
    static func render(_ draft: DraftResponse) -> String {
        var lines: [String] = []
        let intent = draft.intent
        lines.append("━━ Ticket \(draft.ticketID) · customer \(draft.customerID ?? "unknown") · \(intent.label.rawValue) (\(percent(intent.confidence)), \(intent.reader.rawValue)) · \(draft.sentiment.label.rawValue) · \(draft.language)")
        if let customer = draft.customer {
            lines.append("   Customer  LTV $\(money(customer.lifetimeValue)) · \(customer.totalOrders) order\(customer.totalOrders == 1 ? "" : "s") · AOV $\(money(customer.avgOrderValue)) · \(customer.daysSinceLastPurchase) days idle · tenure \(customer.customerTenureDays) days")
            lines.append("             churn risk \(percent(customer.churnRiskScore)) \(customer.churnLevel.uppercased()) · \(customer.valueTier) value · \(customer.archetypeID)")
            lines.append("             \(customer.purchasePattern) · \(customer.engagement)")
        } else {
            lines.append("   Customer  unknown (no behavioural profile)")
        }
        if let order = draft.orders.first {
            let items = order.lineItems.quantitiesByItem.map { "\($0.quantity) × \($0.item)" }.joined(separator: ", ")
            lines.append("   Last order \(order.name ?? order.id) · \(order.fulfillmentStatus) · $\(money(order.total)) · \(items)")
        }
        if let recommended = draft.recommendedItems {
            lines.append("   Recommend \(recommended.joined(separator: ", "))")
        }
        let decision = draft.recommendation
        lines.append("   Decision  discount \(decision.offerDiscount ? "\(decision.discountPercent)%" : "no") · free shipping \(decision.freeShipping ? "yes" : "no") · escalate \(decision.escalate ? "YES" : "no") · follow-up \(decision.followUpRequired ? "yes" : "no") · priority \(decision.priority.rawValue)")
        lines.append("             reasons: \(decision.reasons.joined(separator: ", "))")
        let fallback = draft.draft.fallbackReason.map { " instead of the LLM's: \($0)" } ?? ""
        lines.append("   Draft (\(draft.draft.generator.rawValue)\(fallback), \(draft.draft.tone)):")
        lines.append(contentsOf: wrap(draft.draft.text, width: 96).map { "     " + $0 })
        let degraded = draft.context.degraded.isEmpty ? "none" : draft.context.degraded.joined(separator: ", ")
        lines.append("   degraded: \(degraded) · lookups \(String(format: "%.1f", draft.timing.lookupMs)) ms · total \(String(format: "%.1f", draft.timing.totalMs)) ms")
        return lines.joined(separator: "\n")
    }

    static func render(_ escalation: Escalation) -> String {
        "▲▲ ESCALATION \(escalation.ticketID) · priority \(escalation.priority.rawValue) · \(escalation.reasons.joined(separator: ", "))\n"
            + wrap(escalation.summary, width: 96).map { "     " + $0 }.joined(separator: "\n")
    }

    static func render(_ letter: DeadLetter) -> String {
        "✖✖ DEAD LETTER \(letter.original.topic)[\(letter.original.partition)]@\(letter.original.offset) · \(letter.error.code): \(letter.error.message)"
    }

    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
    private static func money(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, !current.isEmpty {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
