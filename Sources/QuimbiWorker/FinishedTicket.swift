import Foundation
import QuimbiCore

/// What a ``TicketObserver`` hears of a ticket whose outputs were delivered: the few facts that metrics and
/// the benchmark read. A ticket waiting for its outputs' acknowledgements holds this, not its whole draft
/// (prompt, draft text, orders), so that many can wait at once in little memory.
public struct FinishedTicket: Sendable, Hashable {
    /// What the worker published for the ticket.
    public enum Outcome: Sendable, Hashable {
        /// A draft.
        case drafted
        /// A draft and an escalation.
        case escalated
        /// A dead letter, with the ``TicketRejection`` code.
        case rejected(code: String)
    }

    public var outcome: Outcome
    /// The ticket's id; `nil` for a rejected ticket.
    public var ticketID: String?
    /// The intent read; `nil` for a rejected ticket.
    public var intent: IntentLabel?
    /// The draft's timing; `nil` for a rejected ticket.
    public var timing: DraftTiming?
    /// Sources that could not answer in time (the draft's `context.degraded`).
    public var degraded: [String]
    /// The retention discount offered, in percent; `nil` when none was.
    public var discountPercent: Int?

    public init(
        outcome: Outcome, ticketID: String?, intent: IntentLabel?, timing: DraftTiming?, degraded: [String] = [], discountPercent: Int? = nil
    ) {
        self.outcome = outcome
        self.ticketID = ticketID
        self.intent = intent
        self.timing = timing
        self.degraded = degraded
        self.discountPercent = discountPercent
    }

    /// The facts of `result`.
    public init(_ result: TicketResult) {
        switch result {
        case .drafted(let draft, let escalation):
            self.init(
                outcome: escalation == nil ? .drafted : .escalated, ticketID: draft.ticketID, intent: draft.intent.label,
                timing: draft.timing, degraded: draft.context.degraded,
                discountPercent: draft.recommendation.offerDiscount ? draft.recommendation.discountPercent : nil)
        case .rejected(let rejection):
            self.init(outcome: .rejected(code: rejection.code), ticketID: nil, intent: nil, timing: nil)
        }
    }
}
