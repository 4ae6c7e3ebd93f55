import QuimbiCore

/// Writes the reply for a decided ticket. Must return within `deadline`.
public protocol Drafter: Sendable {
    /// The reply for `context`, wording the policy's decision and nothing more.
    func draft(_ context: SupportContext, deadline: ContinuousClock.Instant) async -> Draft
}
