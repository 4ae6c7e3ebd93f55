import Foundation
import QuimbiCore

/// A stand-in for ``TicketProcessor`` that measures everything but the work: it reads each ticket's event,
/// as the worker must to address its draft, and answers with a copy of a draft made before (`quimbi bench
/// --pass-through`). The worker's figures over it are the floor under its figures with the real processor:
/// the brokers, the Kafka clients, the worker's own lanes, encoding, delivery reports and commits.
public struct PassThroughProcessor: TicketProcessing {
    private let template: DraftResponse
    private let decoder = TicketDecoder()

    /// A processor answering every ticket with `template`, readdressed to that ticket (one draft, no escalation).
    public init(template: DraftResponse) {
        self.template = template
    }

    /// `template` with this ticket's event, ticket and customer, timed from `receivedAt`; a payload that is
    /// not a ticket-created event is rejected as ``TicketProcessor`` rejects it.
    public func process(_ payload: [UInt8], receivedAt: Date) async -> TicketResult {
        let ticket: TicketCreated
        do {
            ticket = try decoder.decode(payload)
        } catch {
            return .rejected(error)
        }
        let completedAt = Date()
        var draft = template
        draft.eventID = EventIDs.draft(for: ticket)
        draft.ticketEventID = ticket.eventID
        draft.ticketID = ticket.ticketID
        draft.customerID = ticket.customerID
        draft.createdAt = completedAt
        draft.timing = DraftTiming(
            ticketCreatedAt: ticket.createdAt, receivedAt: receivedAt, completedAt: completedAt, lookupMs: 0,
            totalMs: completedAt.timeIntervalSince(receivedAt) * 1_000)
        return .drafted(draft, nil)
    }
}
