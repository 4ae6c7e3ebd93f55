import QuimbiCore

/// Writes the reply for a decided ticket. Must return within `deadline`.
public protocol Drafter: Sendable {
    func draft(_ context: SupportContext, deadline: ContinuousClock.Instant) async -> Draft
}
