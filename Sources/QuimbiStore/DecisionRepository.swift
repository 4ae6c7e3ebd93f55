import Foundation
import QuimbiCore

/// The `retention_decisions` table: every decision once, keyed by its draft event id.
public struct DecisionRepository: Sendable {
    static let decisions = BatchUpsert(
        table: "retention_decisions",
        columns: [.init("draft_event_id"), .init("ticket_event_id"), .init("ticket_id"), .init("customer_id"),
                  .init("decided_at", "to_timestamp($::float8)"), .init("intent"), .init("churn_risk_score", "$::float8"),
                  .init("churn_band"), .init("value_tier"), .init("lifetime_value", "$::float8"), .init("archetype_id"),
                  .init("discount_percent", "$::integer"), .init("free_shipping", "$::boolean"), .init("escalate", "$::boolean"),
                  .init("priority"), .init("reasons", "$::jsonb"), .init("holdout", "$::boolean"),
                  .init("withheld_discount_percent", "$::integer"), .init("withheld_free_shipping", "$::boolean")],
        key: "draft_event_id")
    private let pool: PostgresPool

    /// Writes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Throws `retention_decisions_missing` when the table is not there (`quimbi migrate` not run).
    public func verifyTable() async throws {
        try await pool.verifyTable("retention_decisions")
    }

    /// Records `decisions` in one transaction; a decision already recorded is left as it is.
    /// Returns how many rows were inserted or changed.
    @discardableResult
    public func record(_ decisions: [RetentionDecision]) async throws -> Int {
        guard !decisions.isEmpty else { return 0 }
        let rows = decisions.map(Self.row)
        return try await pool.transaction { connection in try Self.decisions.run(rows, on: connection) }
    }

    static func row(_ decision: RetentionDecision) -> [String?] {
        let recommendation = decision.recommendation
        return [
            decision.draftEventID, decision.ticketEventID, decision.ticketID, decision.customerID,
            PostgresValues.epoch(decision.decidedAt), decision.intent, decision.churnRiskScore.map { String($0) },
            decision.churnBand, decision.valueTier, decision.lifetimeValue.map { String($0) }, decision.archetypeID,
            String(recommendation.discountPercent), String(recommendation.freeShipping), String(recommendation.escalate),
            recommendation.priority.rawValue, PostgresValues.jsonText(recommendation.reasons), String(recommendation.holdout ?? false),
            recommendation.withheldOffer.map { String($0.discountPercent) }, recommendation.withheldOffer.map { String($0.freeShipping) },
        ]
    }
}
