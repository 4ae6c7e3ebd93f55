import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The schema serves segmentation runs that rewrite every profile and read every order's total.
@Suite(.enabled(if: TestServers.available))
struct SegmentationRewriteTests {
    /// Each profile's new version lands on its old version's page (a heap-only update, no new index entry).
    /// On pages filled to the brim, as before migration 008, most new versions moved to other pages.
    @Test func aRunRewritesEachProfileOnItsOwnPage() async throws {
        let fixture = try await StoreFixture.make()
        let ids = (0..<600).map { "c\($0)" }
        let writer = SegmentationWriter(pool: fixture.pool)
        let run = SegmentationRun(startedAt: StoreFixture.origin, finishedAt: StoreFixture.origin)
        try await writer.write(profiles: ids.map { StoreFixture.profile($0) }, archetypes: [StoreFixture.archetype], run: run)
        let before = try await pages(fixture.pool)

        try await writer.write(profiles: ids.map { StoreFixture.profile($0, ltv: 200) }, archetypes: [StoreFixture.archetype], run: run)
        let after = try await pages(fixture.pool)
        #expect(before.count == ids.count && after.count == ids.count)
        #expect(after.filter { before[$0.key] != $0.value }.isEmpty, "profiles that moved to another page")
        let changed = try await fixture.pool.query("SELECT count(*) FROM customer_profiles WHERE lifetime_value = 200")
        #expect(changed.rows.first?.first == String(ids.count))
    }

    /// The customers' order index holds the three columns the aggregation reads, so PostgreSQL can answer it
    /// from the index alone (the plan is forced off the table to show the index suffices).
    @Test func theAggregationCanReadTheOrdersIndexAlone() async throws {
        let fixture = try await StoreFixture.make()
        let plan = try await fixture.pool.withConnection { connection in
            _ = try connection.execute("BEGIN", [])
            defer { _ = try? connection.execute("ROLLBACK", []) }
            _ = try connection.execute("SET LOCAL enable_seqscan = off", [])
            _ = try connection.execute("SET LOCAL enable_bitmapscan = off", [])
            let sql = "EXPLAIN " + PurchaseSummaryReader.partitionSQL
                .replacingOccurrences(of: "$1::float8", with: "1e12::float8")
                .replacingOccurrences(of: "$2::int", with: "2").replacingOccurrences(of: "$3::int", with: "0")
            return try connection.execute(sql, []).rows.compactMap { $0.first ?? nil }.joined(separator: "\n")
        }
        #expect(plan.contains("Index Only Scan using orders_customer_created_total_idx on orders"), "\(plan)")
    }

    /// Each profile's page number (the first part of its `ctid`).
    private func pages(_ pool: PostgresPool) async throws -> [String: String] {
        let rows = try await pool.query("SELECT customer_id, (ctid::text::point)[0]::text FROM customer_profiles").rows
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] ?? "", $0[1] ?? "") })
    }
}
