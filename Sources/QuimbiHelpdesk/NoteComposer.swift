import Foundation
import QuimbiCore

/// Writes drafts and escalations as internal notes: a short recommendation header the agent reads
/// first, then the draft to review and send, then a marker naming the Quimbi event.
public enum NoteComposer {
    /// The note for `draft`.
    public static func note(for draft: DraftResponse) -> HelpdeskNote {
        var lines = ["Quimbi draft (internal; review before sending)", recommendationLine(draft.recommendation)]
        if let customer = draft.customer { lines.append(customerLine(customer)) }
        lines += ["", draft.draft.text, "", NoteMarker.line(eventID: draft.eventID)]
        return HelpdeskNote(eventID: draft.eventID, ticketID: draft.ticketID, body: lines.joined(separator: "\n"))
    }

    /// The note for `escalation`, with the priority and tags managers' views select on.
    public static func note(for escalation: Escalation) -> HelpdeskNote {
        var lines = [
            "Quimbi escalation: manager follow-up (priority \(escalation.priority.rawValue))",
            recommendationLine(escalation.recommendation),
        ]
        if let value = escalation.lifetimeValue, let churn = escalation.churnRiskScore {
            lines.append("Customer: lifetime value \(money(value)) · churn risk \(percent(churn))\(escalation.churnLevel.map { " (\($0))" } ?? "")")
        }
        lines += ["", escalation.summary, "", NoteMarker.line(eventID: escalation.eventID)]
        let tags = ["quimbi_escalated"] + escalation.reasons.map { "quimbi_\($0)" }
        return HelpdeskNote(
            eventID: escalation.eventID, ticketID: escalation.ticketID, body: lines.joined(separator: "\n"),
            escalation: .init(priority: escalation.priority, tags: tags))
    }

    /// `Recommendation: 15 % discount · free shipping · escalate · priority high · reasons: a, b`.
    static func recommendationLine(_ recommendation: Recommendation) -> String {
        var parts = [recommendation.offerDiscount ? "\(recommendation.discountPercent) % discount" : "no discount"]
        if recommendation.freeShipping { parts.append("free shipping") }
        if recommendation.escalate { parts.append("escalate") }
        parts.append("priority \(recommendation.priority.rawValue)")
        if !recommendation.reasons.isEmpty { parts.append("reasons: " + recommendation.reasons.joined(separator: ", ")) }
        return "Recommendation: " + parts.joined(separator: " · ")
    }

    /// `Customer: lifetime value $179.42 · 3 orders · 230 days since last order · churn risk 82 % (high) · vip`.
    static func customerLine(_ customer: CustomerInsight) -> String {
        "Customer: lifetime value \(money(customer.lifetimeValue)) · \(customer.totalOrders) orders · "
            + "\(customer.daysSinceLastPurchase) days since last order · churn risk \(percent(customer.churnRiskScore)) "
            + "(\(customer.churnLevel)) · \(customer.valueTier) value"
    }

    private static func money(_ value: Double) -> String {
        "$" + String(format: "%.2f", value)
    }

    private static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded())) %"
    }
}
