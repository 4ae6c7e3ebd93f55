import Foundation
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

@Suite(.enabled(if: TestServers.available))
struct MigrationTests {
    @Test func embeddedMigrationsMatchTheSQLFiles() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Schemas/postgres").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == Migrator.known.map(\.version),
                "run Schemas/postgres/embed.sh")
        for (file, migration) in zip(files, Migrator.known) {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.trimmingCharacters(in: .newlines) == migration.sql, "run Schemas/postgres/embed.sh")
        }
    }

    @Test func migratingTwiceAppliesNothingTheSecondTime() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1)
        let first = try await Migrator(pool: pool).migrate()
        let second = try await Migrator(pool: pool).migrate()
        #expect(first == Migrator.known.map(\.version))
        #expect(second.isEmpty)
    }

    @Test func concurrentMigrationsApplyEachVersionOnce() async throws {
        let url = try await TestServers.freshPostgresDatabase()
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { try await Migrator(pool: PostgresPool(url: url, size: 1)).migrate() }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(results.sorted() == Migrator.known.map(\.version).sorted())
        let count = try await PostgresPool(url: url, size: 1).query("SELECT count(*) FROM schema_migrations")
        #expect(count.rows.first?.first == String(Migrator.known.count))
    }

    @Test func unreachableServerIsATransientError() async throws {
        let pool = PostgresPool(url: "postgresql:///nowhere?host=/nonexistent-quimbi-dir", size: 1)
        let error = await #expect(throws: StoreError.self) { try await Migrator(pool: pool).migrate() }
        #expect(error?.code == "postgres_unavailable")
        #expect(error?.isTransient == true)
    }

    /// Migration 008 swaps the orders' index. Behind a long reader of `orders` its `DROP INDEX` would wait, and
    /// every later reader (each ticket's orders lookup) would queue behind it: it gives up after 5 s instead,
    /// changes nothing, and applies once the reader is done.
    @Test func theIndexSwapGivesUpBehindALongReaderOfOrders() async throws {
        let url = try await TestServers.freshPostgresDatabase()
        let pool = PostgresPool(url: url, size: 1)
        let before = Migrator.known.filter { $0.version < "008" }
        _ = try await Migrator(pool: pool, migrations: before).migrate()
        let reader = PostgresPool(url: url, size: 1)
        // The reader's transaction stays open on its one connection between the two calls.
        try await reader.withConnection { _ = try $0.execute("BEGIN", []); _ = try $0.execute("SELECT count(*) FROM orders", []) }

        let refused = await #expect(throws: StoreError.self) { try await Migrator(pool: pool).migrate() }
        #expect(refused?.message.contains("lock timeout") == true, "\(String(describing: refused))")
        let indexes = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'orders'"
        #expect(try await pool.query(indexes).rows.first?.first == "orders_customer_created_idx,orders_pkey")

        try await reader.withConnection { _ = try $0.execute("COMMIT", []) }
        #expect(try await Migrator(pool: pool).migrate() == ["008_segmentation_rewrite"])
        #expect(try await pool.query(indexes).rows.first?.first == "orders_customer_created_total_idx,orders_pkey")
        await reader.close()
        await pool.close()
    }

    @Test func aMigrationMayRunLongerThanThePoolsStatementTimeout() async throws {
        var options = PostgresConnectionOptions()
        options.statementTimeout = .milliseconds(200)
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 1, options: options)
        let slow = Migration(version: "900_slow", sql: "SELECT pg_sleep(0.5);")
        #expect(try await Migrator(pool: pool, migrations: [slow]).migrate() == ["900_slow"])
        let timeout = await #expect(throws: StoreError.self) { try await pool.query("SELECT pg_sleep(0.5)") }
        #expect(timeout?.code == "postgres_query_failed", "the pool's own statements keep the timeout")
    }
}
