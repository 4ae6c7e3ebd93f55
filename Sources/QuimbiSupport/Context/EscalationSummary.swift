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
        let what = "\(Self.spaced(intent.label.rawValue)) on ticket \(ticket.ticketID)"
            + " (sentiment \(context.analysis.sentiment.label.rawValue)"
            + (flags.isEmpty ? "" : "; \(Self.spaced(flags.joined(separator: ", ")))") + ")"
        let quote = Self.excerpt(ticket.message)
        let decision = context.recommendation
        text = "\(who). \(what): “\(quote)”. Recommended: \(decision.actions.joined(separator: "; ")). "
            + "Priority \(decision.priority.rawValue); reasons: \(decision.reasons.joined(separator: ", "))."
    }

    /// The message's first 160 characters on one line.
    static func excerpt(_ message: String) -> String {
        // Most messages are one short line: returned as they are, without being broken into characters
        // (which cost an escalation 33 thousand instructions). Up to 160 bytes is up to 160 characters.
        if message.utf8.count <= 160, !containsLineBreak(message) { return message }
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 160 ? line : String(line.prefix(157)) + "…"
    }

    /// Whether `text` holds a scalar that makes a newline `Character` (LF, VT, FF, CR, NEL, LS, PS). Each
    /// begins a character of its own, so a text without them has no newline character.
    private static func containsLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }
    }

    /// `identifiers` (snake_case) with each `_` written as a space, without Foundation's string search.
    private static func spaced(_ identifiers: String) -> String {
        String(decoding: identifiers.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
