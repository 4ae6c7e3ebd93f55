import Foundation

/// What the worker runs for each ticket-created record: ``TicketProcessor`` in the product; tests
/// substitute processors that produce particular results.
public protocol TicketProcessing: Sendable {
    /// Processes one raw ticket-created payload received at `receivedAt`.
    func process(_ payload: [UInt8], receivedAt: Date) async -> TicketResult
}

extension TicketProcessor: TicketProcessing {}
