import Foundation
import QuimbiCore
import QuimbiOutcomes
import QuimbiStore
import QuimbiTestSupport
import Testing

/// The churn report's queries against a real PostgreSQL: bins and bands count every customer once,
/// archetypes rank by members × churn × value with their strategies, and escalations count only the
/// window's, most urgent first.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct ChurnReportTests {
    @Test func figuresComeFromTheProfilesAndDecisions() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 2)
        _ = try await Migrator(pool: pool).migrate()
        let now = Date()
        // "risky": 3 customers at 0.9 worth 100; "many": 10 at 0.3 worth 50; "rich": 1 at 0.6 worth 1,000.
        let groups: [(String, Int, Double, Double)] = [("risky", 3, 0.9, 100), ("many", 10, 0.3, 50), ("rich", 1, 0.6, 1_000), ("edge", 1, 1.0, 10)]
        let profiles = groups.flatMap { archetype, count, risk, value in
            (0..<count).map {
                CustomerProfile(customerID: "\(archetype)-\($0)", archetypeID: archetype, lifetimeValue: value, totalOrders: 2, avgOrderValue: value / 2,
                                firstPurchaseAt: now.addingTimeInterval(-86_400 * 300), lastPurchaseAt: now.addingTimeInterval(-86_400 * 30), churnRiskScore: risk)
            }
        }
        let archetypes = groups.map { Archetype(id: $0.0, label: "The \($0.0)", dimensions: [:], members: $0.1, avgLifetimeValue: $0.3, avgOrders: 2,
                                                churnDistribution: [:], behaviours: [], strategy: ["look after the \($0.0)"]) }
        try await SegmentationWriter(pool: pool).write(profiles: profiles, archetypes: archetypes, run: SegmentationRun(startedAt: now, finishedAt: now))
        for (index, (priority, daysAgo, escalate)) in [("high", 2, true), ("urgent", 3, true), ("high", 5, true), ("urgent", 40, true), ("normal", 1, false)].enumerated() {
            _ = try await pool.query("""
                INSERT INTO retention_decisions (draft_event_id, ticket_event_id, ticket_id, decided_at, intent, discount_percent, free_shipping, escalate, priority)
                VALUES ($1, $1, $1, now() - make_interval(days => $2::integer), 'service_complaint', 0, false, $3::boolean, $4)
                """, ["d\(index)", String(daysAgo), escalate ? "true" : "false", priority])
        }

        let report = try await StoredChurnReports(pool: pool, mediumFrom: 0.35, highFrom: 0.55).churnReport(archetypeLimit: 3, escalationDays: 14)
        #expect(report.customers == 15)
        #expect(report.histogram.map(\.customers) == [0, 0, 0, 10, 0, 0, 1, 0, 0, 4], "0.3 in the fourth tenth, 0.6 in the seventh, 0.9 and 1.0 in the last")
        #expect(report.bands.map(\.customers) == [10, 0, 5] && report.bands.map(\.band) == ["low", "medium", "high"])
        // Value at risk: rich 1 × 0.6 × 1,000 = 600; many 10 × 0.3 × 50 = 150; risky 3 × 0.9 × 100 = 270; edge 10.
        #expect(report.archetypes.map(\.archetypeID) == ["rich", "risky", "many"])
        #expect(report.archetypes.first?.strategy == ["look after the rich"] && report.archetypes.first?.label == "The rich")
        #expect(abs((report.archetypes.first?.valueAtRisk ?? 0) - 600) < 1e-6)
        #expect(report.escalations == [PriorityCount(priority: "urgent", escalations: 1), PriorityCount(priority: "high", escalations: 2)])
        await pool.close()
    }
}
