import Foundation
import QuimbiCore
import QuimbiStore
import QuimbiTestSupport
import Testing

/// The outcome query against a real PostgreSQL: each offer decision is joined with the customer's
/// first order after it, within the window, and decisions without an offer are left out.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct OutcomeRepositoryTests {
    @Test func eachOfferDecisionGetsTheFirstOrderAfterItWithinTheWindow() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1)
        _ = try await Migrator(pool: pool).migrate()
        let drafts = try await DecisionRecorderTests.drafts(count: 120)
        try await DecisionRepository(pool: pool).record(drafts.map(RetentionDecision.init(draft:)))
        let latest = try #require(drafts.map(\.createdAt).max())
        // c0–c9 order again 5 days after the tickets, c10–c14 after 40 days, c15–c19 never; everyone ordered the day before.
        func order(_ customer: String, _ number: Int, daysAfter days: Double, total: Double) -> Order {
            Order(id: "o\(number)", customerID: customer, createdAt: latest.addingTimeInterval(86_400 * days), total: total)
        }
        var orders = DecisionRecorderTests.customers.enumerated().map { order($1, $0, daysAfter: -1, total: 1) }
        orders += (0..<10).map { order("c\($0)", 100 + $0, daysAfter: 5, total: 40) }
        orders += (10..<15).map { order("c\($0)", 100 + $0, daysAfter: 40, total: 70) }
        try await StoreWriter(pool: pool).write(customers: [], orders: orders)

        let offered = drafts.filter { $0.recommendation.offerDiscount || $0.recommendation.freeShipping || $0.recommendation.holdout == true }
        #expect(!offered.isEmpty && offered.count < drafts.count, "the sample has decisions with and without an offer")
        let within30 = try await OutcomeRepository(pool: pool).offerDecisions(withinDays: 30)
        let within60 = try await OutcomeRepository(pool: pool).offerDecisions(withinDays: 60)
        #expect(within30.count == offered.count && within60.count == offered.count)
        let quick = Set((0..<10).map { "c\($0)" }), late = Set((10..<15).map { "c\($0)" })
        let expected30 = offered.filter { quick.contains($0.customerID ?? "") }.count
        let expected60 = offered.filter { quick.contains($0.customerID ?? "") || late.contains($0.customerID ?? "") }.count
        #expect(within30.filter { $0.nextOrderTotal == 40 }.count == expected30 && within30.filter { $0.nextOrderAt != nil }.count == expected30)
        #expect(within60.filter { $0.nextOrderAt != nil }.count == expected60)
        #expect(within30.filter(\.holdout).allSatisfy { $0.offerPercent > 0 }, "the control arm carries the offer it was denied")
        await pool.close()
    }
}
