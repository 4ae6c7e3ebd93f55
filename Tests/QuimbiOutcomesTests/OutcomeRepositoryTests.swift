import Foundation
import QuimbiCore
import QuimbiOutcomes
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The outcome query against a real PostgreSQL: each offer decision is joined with the customer's
/// first order after it, within the window, and decisions without an offer are left out; the sums the
/// database makes of them give the report that the decisions themselves give.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct OutcomeRepositoryTests {
    /// 120 recorded drafts; c0–c9 order again 5 days after the tickets (c0–c4 with a discount of 7.50,
    /// c5–c6 without, c7–c9 not saying), c10–c14 after 40 days, c15–c19 never; everyone ordered the day
    /// before (a third with a discount of 0.25, a third without, a third not saying). Returns the pool,
    /// the drafts and the latest ticket time.
    static func store() async throws -> (PostgresPool, [DraftResponse], Date) {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1)
        _ = try await Migrator(pool: pool).migrate()
        let drafts = try await DecisionRecorderTests.drafts(count: 120)
        try await DecisionRepository(pool: pool).record(drafts.map(RetentionDecision.init(draft:)))
        let latest = try #require(drafts.map(\.createdAt).max())
        // c0–c9 order again 5 days after the tickets, c10–c14 after 40 days, c15–c19 never; everyone ordered the day before.
        func order(_ customer: String, _ number: Int, daysAfter days: Double, total: Double, discount: Double? = nil) -> Order {
            Order(id: "o\(number)", customerID: customer, createdAt: latest.addingTimeInterval(86_400 * days), total: total, discountTotal: discount)
        }
        var orders = DecisionRecorderTests.customers.enumerated().map { order($1, $0, daysAfter: -1, total: 1, discount: [0.25, 0, nil][$0 % 3]) }
        orders += (0..<10).map { order("c\($0)", 100 + $0, daysAfter: 5, total: 40, discount: $0 < 5 ? 7.5 : $0 < 7 ? 0 : nil) }
        orders += (10..<15).map { order("c\($0)", 100 + $0, daysAfter: 40, total: 70) }
        try await StoreWriter(pool: pool).write(customers: [], orders: orders)
        return (pool, drafts, latest)
    }

    /// Each decision of ``OutcomeRepository/offerDecisionsSQL``, read one by one (the report's oracle).
    static func decisions(_ pool: PostgresPool, withinDays days: Int) async throws -> [DecisionOutcome] {
        let rows = try await pool.query("""
            SELECT extract(epoch FROM decided_at), intent, churn_band, archetype_id, holdout, percent, free_shipping,
                   extract(epoch FROM next_order_at), next_order_total, next_order_discount
            FROM (\(OutcomeRepository.offerDecisionsSQL)) decided
            """, [String(days)])
        return try rows.rows.map { row in
            DecisionOutcome(
                decidedAt: Date(timeIntervalSince1970: try PostgresValues.double(row[0], column: "decided_at")),
                intent: try PostgresValues.string(row[1], column: "intent"), churnBand: row[2], archetypeID: row[3],
                holdout: row[4] == "t", offerPercent: try PostgresValues.int(row[5], column: "percent"), freeShipping: row[6] == "t",
                nextOrderAt: PostgresValues.optionalDouble(row[7]).map { Date(timeIntervalSince1970: $0) },
                nextOrderTotal: PostgresValues.optionalDouble(row[8]), nextOrderDiscount: PostgresValues.optionalDouble(row[9]))
        }
    }

    @Test func eachOfferDecisionGetsTheFirstOrderAfterItWithinTheWindow() async throws {
        let (pool, drafts, _) = try await Self.store()
        let offered = drafts.filter { $0.recommendation.offerDiscount || $0.recommendation.freeShipping || $0.recommendation.holdout == true }
        #expect(!offered.isEmpty && offered.count < drafts.count, "the sample has decisions with and without an offer")
        let within30 = try await Self.decisions(pool, withinDays: 30)
        let within60 = try await Self.decisions(pool, withinDays: 60)
        #expect(within30.count == offered.count && within60.count == offered.count)
        let quick = Set((0..<10).map { "c\($0)" }), late = Set((10..<15).map { "c\($0)" })
        let expected30 = offered.filter { quick.contains($0.customerID ?? "") }.count
        let expected60 = offered.filter { quick.contains($0.customerID ?? "") || late.contains($0.customerID ?? "") }.count
        #expect(within30.filter { $0.nextOrderTotal == 40 }.count == expected30 && within30.filter { $0.nextOrderAt != nil }.count == expected30)
        #expect(within60.filter { $0.nextOrderAt != nil }.count == expected60)
        #expect(within30.filter(\.holdout).allSatisfy { $0.offerPercent > 0 }, "the control arm carries the offer it was denied")
        await pool.close()
    }

    /// The report from the database's sums equals the report from the decisions, group by group, with
    /// some decisions still inside their window (pending) and a minimum of one per arm.
    @Test(arguments: [30, 60])
    func theDatabasesSumsGiveTheReportTheDecisionsGive(windowDays: Int) async throws {
        let (pool, _, latest) = try await Self.store()
        // About half the decisions two days earlier: as of an hour before the others' windows close,
        // those are measured and the others pending.
        _ = try await pool.query("UPDATE retention_decisions SET decided_at = decided_at - interval '2 days' WHERE md5(draft_event_id) < '8'")
        let asOf = latest.addingTimeInterval(86_400 * Double(windowDays) - 3_600)
        let decisions = try await Self.decisions(pool, withinDays: windowDays)
        let expected = RetentionReport(decisions: decisions, asOf: asOf, windowDays: windowDays, minimumPerArm: 1)
        let tallies = try await OutcomeRepository(pool: pool).offerTallies(withinDays: windowDays, asOf: asOf)
        let summed = RetentionReport(tallies: tallies, asOf: asOf, windowDays: windowDays, minimumPerArm: 1)
        await pool.close()
        #expect(expected.overall.pending > 0 && expected.overall.treated.decisions > 0 && expected.overall.control.decisions > 0)
        let use = expected.overall.discountUse
        #expect(use.observed > use.redeemed && use.redeemed > 0 && use.assumed > 0, "next orders with, without and not saying their discount: \(use)")
        let pairs = [(expected.overall, summed.overall)] + zip(expected.byOffer + expected.byIntent + expected.byArchetype + expected.byChurnBand,
                                                               summed.byOffer + summed.byIntent + summed.byArchetype + summed.byChurnBand).map { ($0, $1) }
        #expect(summed.byOffer.count == expected.byOffer.count && summed.byIntent.count == expected.byIntent.count)
        #expect(summed.byArchetype.count == expected.byArchetype.count && summed.byChurnBand.count == expected.byChurnBand.count)
        for (one, other) in pairs {
            #expect(one.group == other.group && one.pending == other.pending && one.verdict == other.verdict)
            #expect(one.treated.decisions == other.treated.decisions && one.treated.conversions == other.treated.conversions)
            #expect(one.control.decisions == other.control.decisions && one.control.conversions == other.control.conversions)
            #expect(abs(one.treated.revenue - other.treated.revenue) < 1e-6 && abs(one.control.revenue - other.control.revenue) < 1e-6)
            #expect(abs((one.netRevenuePerDecision ?? 0) - (other.netRevenuePerDecision ?? 0)) < 1e-6, "\(one.group)")
            #expect(abs((one.discountCostPerDecision ?? 0) - (other.discountCostPerDecision ?? 0)) < 1e-6, "\(one.group)")
            #expect(one.discountUse == other.discountUse, "\(one.group)")
            #expect(one.uplift == other.uplift)
        }
    }

    /// Three offers of 20 % whose next orders (40 each) carried 7.50, nothing, or did not say: the
    /// database costs them 7.50, 0 and the assumed 40 × 20 / 80 = 10, one intent each.
    @Test func aNextOrdersOwnDiscountIsItsCostAndOnlyAnUnknownOneIsAssumed() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1)
        _ = try await Migrator(pool: pool).migrate()
        let asOf = Date(timeIntervalSince1970: 1_790_000_000), decidedAt = asOf.addingTimeInterval(-40 * 86_400)
        let cases: [(customer: String, discount: Double?)] = [("observed", 7.5), ("none", 0), ("unknown", nil)]
        for (customer, _) in cases {
            _ = try await pool.query("""
                INSERT INTO retention_decisions (draft_event_id, ticket_event_id, ticket_id, customer_id, decided_at, intent,
                                                 discount_percent, free_shipping, escalate, priority)
                VALUES ('d-' || $1, 't-' || $1, 'T-' || $1, $1, to_timestamp($2::float8), $1, 20, false, false, 'normal')
                """, [customer, String(decidedAt.timeIntervalSince1970)])
        }
        try await StoreWriter(pool: pool).write(customers: [], orders: cases.map { customer, discount in
            Order(id: "o-\(customer)", customerID: customer, createdAt: decidedAt.addingTimeInterval(5 * 86_400), total: 40, discountTotal: discount)
        })
        let tallies = try await OutcomeRepository(pool: pool).offerTallies(withinDays: 30, asOf: asOf)
        await pool.close()
        let byIntent = try #require(tallies[.intent])
        #expect(byIntent["observed"]?.discount == DiscountTally(given: 7.5, observed: 1, assumed: 0, redeemed: 1))
        #expect(byIntent["none"]?.discount == DiscountTally(given: 0, observed: 1, assumed: 0, redeemed: 0))
        #expect(byIntent["unknown"]?.discount == DiscountTally(given: 10, observed: 0, assumed: 1, redeemed: 0))
        #expect(tallies[.overall]?["all offers"]?.discount == DiscountTally(given: 17.5, observed: 2, assumed: 1, redeemed: 1))
    }
}
