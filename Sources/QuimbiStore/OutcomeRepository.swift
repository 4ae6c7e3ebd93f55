import Foundation

/// A decision that made or withheld an offer, with the customer's first order after it.
public struct DecisionOutcome: Sendable, Hashable {
    public var decidedAt: Date
    public var intent: String
    public var churnBand: String?
    public var archetypeID: String?
    /// In the control arm: the offer was withheld.
    public var holdout: Bool
    /// The discount offered, or withheld in the control arm, in percent.
    public var offerPercent: Int
    /// Free shipping offered, or withheld in the control arm.
    public var freeShipping: Bool
    /// The customer's first order after the decision, within the window asked for.
    public var nextOrderAt: Date?
    public var nextOrderTotal: Double?

    public init(
        decidedAt: Date, intent: String, churnBand: String?, archetypeID: String?, holdout: Bool, offerPercent: Int,
        freeShipping: Bool, nextOrderAt: Date?, nextOrderTotal: Double?
    ) {
        self.decidedAt = decidedAt
        self.intent = intent
        self.churnBand = churnBand
        self.archetypeID = archetypeID
        self.holdout = holdout
        self.offerPercent = offerPercent
        self.freeShipping = freeShipping
        self.nextOrderAt = nextOrderAt
        self.nextOrderTotal = nextOrderTotal
    }
}

/// Reads decisions and the orders that followed them, for the retention report.
public struct OutcomeRepository: Sendable {
    private let pool: PostgresPool

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every recorded decision of a known customer that made or withheld an offer, with the customer's
    /// first order within `days` days after it (one indexed lookup per decision).
    public func offerDecisions(withinDays days: Int) async throws -> [DecisionOutcome] {
        let rows = try await pool.query("""
            SELECT extract(epoch FROM d.decided_at), d.intent, d.churn_band, d.archetype_id, d.holdout,
                   CASE WHEN d.holdout THEN coalesce(d.withheld_discount_percent, 0) ELSE d.discount_percent END,
                   CASE WHEN d.holdout THEN coalesce(d.withheld_free_shipping, false) ELSE d.free_shipping END,
                   extract(epoch FROM o.created_at), o.total
            FROM retention_decisions d
            LEFT JOIN LATERAL (
                SELECT created_at, total FROM orders
                WHERE customer_id = d.customer_id AND created_at > d.decided_at
                  AND created_at <= d.decided_at + make_interval(days => $1::integer)
                ORDER BY created_at LIMIT 1
            ) o ON true
            WHERE d.customer_id IS NOT NULL AND (d.holdout OR d.discount_percent > 0 OR d.free_shipping)
            """, [String(days)])
        return try rows.rows.map { row throws(StoreError) in
            DecisionOutcome(
                decidedAt: Date(timeIntervalSince1970: try PostgresValues.double(row[0], column: "decided_at")),
                intent: try PostgresValues.string(row[1], column: "intent"), churnBand: row[2], archetypeID: row[3],
                holdout: row[4] == "t", offerPercent: try PostgresValues.int(row[5], column: "offer_percent"), freeShipping: row[6] == "t",
                nextOrderAt: PostgresValues.optionalDouble(row[7]).map { Date(timeIntervalSince1970: $0) },
                nextOrderTotal: PostgresValues.optionalDouble(row[8]))
        }
    }
}
