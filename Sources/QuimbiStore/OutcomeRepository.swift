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
    /// The discounts that order carried (``QuimbiCore/Order/discountTotal``): `0` for none, `nil` when unknown.
    public var nextOrderDiscount: Double?

    public init(
        decidedAt: Date, intent: String, churnBand: String?, archetypeID: String?, holdout: Bool, offerPercent: Int,
        freeShipping: Bool, nextOrderAt: Date?, nextOrderTotal: Double?, nextOrderDiscount: Double? = nil
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
        self.nextOrderDiscount = nextOrderDiscount
    }
}

/// Reads decisions and the orders that followed them, for the retention report.
public struct OutcomeRepository: Sendable {
    private let pool: PostgresPool

    /// Reads through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every recorded decision of a known customer that made or withheld an offer (its offer as made or
    /// withheld), with the customer's first order within `$1` days after it: one indexed lookup per decision.
    static let offerDecisionsSQL = """
        SELECT d.decided_at, d.intent, d.churn_band, d.archetype_id, d.holdout,
               CASE WHEN d.holdout THEN coalesce(d.withheld_discount_percent, 0) ELSE d.discount_percent END AS percent,
               CASE WHEN d.holdout THEN coalesce(d.withheld_free_shipping, false) ELSE d.free_shipping END AS free_shipping,
               o.created_at AS next_order_at, o.total AS next_order_total, o.discount_total AS next_order_discount
        FROM retention_decisions d
        LEFT JOIN LATERAL (
            SELECT created_at, total, discount_total FROM orders
            WHERE customer_id = d.customer_id AND created_at > d.decided_at
              AND created_at <= d.decided_at + make_interval(days => $1::integer)
            ORDER BY created_at LIMIT 1
        ) o ON true
        WHERE d.customer_id IS NOT NULL AND (d.holdout OR d.discount_percent > 0 OR d.free_shipping)
        """

    /// ``offerDecisionsSQL`` summed in the database per offer, intent, archetype and churn band (and
    /// over all): `$2` is the report's time as Unix seconds; a decision is measured once `$1` days have
    /// passed since it. The sums are ``OutcomeTally``'s (the discounts as ``DiscountTally`` counts them),
    /// so the report reads a few rows, not every decision.
    static let offerTalliesSQL = """
        WITH decided AS (\(offerDecisionsSQL)),
        named AS (
            SELECT *, CASE WHEN percent > 0 AND free_shipping THEN percent || ' % off + free shipping'
                           WHEN percent > 0 THEN percent || ' % off' ELSE 'free shipping' END AS offer,
                      decided_at + make_interval(secs => $1::integer * 86400) <= to_timestamp($2::double precision) AS closed
            FROM decided
        )
        SELECT CASE WHEN GROUPING(offer) = 0 THEN 'offer' WHEN GROUPING(intent) = 0 THEN 'intent'
                    WHEN GROUPING(archetype_id) = 0 THEN 'archetype' WHEN GROUPING(churn_band) = 0 THEN 'churn_band'
                    ELSE 'overall' END,
               coalesce(CASE WHEN GROUPING(offer) = 0 THEN offer WHEN GROUPING(intent) = 0 THEN intent
                             WHEN GROUPING(archetype_id) = 0 THEN archetype_id WHEN GROUPING(churn_band) = 0 THEN churn_band
                             ELSE 'all offers' END, 'unknown'),
               count(*) FILTER (WHERE NOT closed),
               count(*) FILTER (WHERE closed AND NOT holdout),
               count(next_order_at) FILTER (WHERE closed AND NOT holdout),
               coalesce(sum(next_order_total) FILTER (WHERE closed AND NOT holdout), 0),
               count(*) FILTER (WHERE closed AND holdout),
               count(next_order_at) FILTER (WHERE closed AND holdout),
               coalesce(sum(next_order_total) FILTER (WHERE closed AND holdout), 0),
               coalesce(sum(coalesce(next_order_discount, CASE WHEN percent > 0 AND percent < 100
                                                              THEN next_order_total * percent / (100 - percent)::double precision END))
                        FILTER (WHERE closed AND NOT holdout), 0),
               count(next_order_discount) FILTER (WHERE closed AND NOT holdout),
               count(next_order_at) FILTER (WHERE closed AND NOT holdout AND next_order_discount IS NULL),
               count(*) FILTER (WHERE closed AND NOT holdout AND next_order_discount > 0)
        FROM named
        GROUP BY GROUPING SETS ((), (offer), (intent), (archetype_id), (churn_band))
        """

    /// The decisions of ``offerDecisionsSQL`` summed per group as of `asOf`: for each way of cutting
    /// them (``OutcomeDimension``), each group's tally.
    public func offerTallies(withinDays days: Int, asOf: Date) async throws -> [OutcomeDimension: [String: OutcomeTally]] {
        let rows = try await pool.query(Self.offerTalliesSQL, [String(days), String(asOf.timeIntervalSince1970)]).rows
        var tallies: [OutcomeDimension: [String: OutcomeTally]] = [:]
        for row in rows {
            guard let dimension = OutcomeDimension(rawValue: try PostgresValues.string(row[0], column: "dimension")) else { continue }
            var tally = OutcomeTally()
            tally.pending = try PostgresValues.int(row[2], column: "pending")
            tally.treated = ArmTally(
                decisions: try PostgresValues.int(row[3], column: "treated"), conversions: try PostgresValues.int(row[4], column: "treated_conversions"),
                revenue: try PostgresValues.double(row[5], column: "treated_revenue"))
            tally.control = ArmTally(
                decisions: try PostgresValues.int(row[6], column: "control"), conversions: try PostgresValues.int(row[7], column: "control_conversions"),
                revenue: try PostgresValues.double(row[8], column: "control_revenue"))
            tally.discount = DiscountTally(
                given: try PostgresValues.double(row[9], column: "discount_given"), observed: try PostgresValues.int(row[10], column: "discount_observed"),
                assumed: try PostgresValues.int(row[11], column: "discount_assumed"), redeemed: try PostgresValues.int(row[12], column: "discount_redeemed"))
            tallies[dimension, default: [:]][try PostgresValues.string(row[1], column: "group")] = tally
        }
        return tallies
    }
}
