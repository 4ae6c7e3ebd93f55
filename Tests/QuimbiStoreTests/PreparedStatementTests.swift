import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The lookups' statements are prepared once per connection, and a lookup still answers rightly when the
/// server lost its statement (a pooler, `DISCARD ALL`), already had it, can no longer run its plan, or
/// restarted.
@Suite(.enabled(if: TestServers.available))
struct PreparedStatementTests {
    /// A database with `OrderBatchLookupTests`' customers and orders, and a pool of one connection, so that
    /// every statement below runs on the connection the lookups use.
    static func seeded() async throws -> (pool: PostgresPool, url: String, expected: [OrderLookup: [Order]]) {
        let (fixture, byCustomer) = try await OrderBatchLookupTests.seeded()
        let pool = PostgresPool(url: fixture.url, size: 1)
        let lookups = OrderBatchLookupTests.customers.map { OrderLookup(key: .id($0), limit: 3) }
        let expected = Dictionary(uniqueKeysWithValues: lookups.map { lookup in
            (lookup, Array((byCustomer[lookup.key.text] ?? []).sorted { $0.createdAt > $1.createdAt }.prefix(3)))
        })
        return (pool, fixture.url, expected)
    }

    static func preparedNames(_ pool: PostgresPool) async throws -> [String] {
        try await pool.query("SELECT name FROM pg_prepared_statements ORDER BY name").rows.compactMap { $0.first ?? nil }
    }

    /// When the connection's statements were prepared (a statement prepared again gets a new time).
    static func prepareTimes(_ pool: PostgresPool) async throws -> [String?] {
        try await pool.query("SELECT prepare_time::text FROM pg_prepared_statements ORDER BY name").rows.map { $0.first ?? nil }
    }

    /// The server process of the pool's connection.
    static func backendID(_ pool: PostgresPool) async throws -> String? {
        try await pool.query("SELECT pg_backend_pid()").rows.first?.first ?? nil
    }

    @Test func theOrdersLookupIsPreparedOnceAndAnswersAsBefore() async throws {
        let (pool, _, expected) = try await Self.seeded()
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        let prepared = try await Self.prepareTimes(pool)
        for _ in 0..<2 {
            #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        }
        #expect(try await Self.preparedNames(pool) == [OrderQuery.statement.name])
        #expect(try await Self.prepareTimes(pool) == prepared)
        #expect(OrderQuery.statement.name.hasPrefix("quimbi_recent_orders_"))
    }

    @Test func aStatementTheServerDroppedRunsUnpreparedFromThenOn() async throws {
        let (pool, _, expected) = try await Self.seeded()
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        // What a pooler in transaction mode amounts to: the next statement reaches a session without it.
        _ = try await pool.query("DEALLOCATE ALL")
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        #expect(try await Self.preparedNames(pool).isEmpty)
    }

    @Test func aStatementAlreadyPreparedOnTheSessionIsUsedAsItIs() async throws {
        let (pool, _, expected) = try await Self.seeded()
        let statement = OrderQuery.statement
        _ = try await pool.query("PREPARE \(statement.name) (text[], int[], text[], int[]) AS \(statement.sql)")
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        #expect(try await Self.preparedNames(pool) == [statement.name])
    }

    @Test func aPlanWhoseResultTypeChangedIsPreparedAfresh() async throws {
        let (pool, _, expected) = try await Self.seeded()
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        let prepared = try await Self.prepareTimes(pool)
        // The prepared plan returns `currency` as text; now it is varchar ("cached plan must not change result type").
        _ = try await pool.query("ALTER TABLE orders ALTER COLUMN currency TYPE varchar(8)")
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        #expect(try await Self.preparedNames(pool) == [OrderQuery.statement.name])
        #expect(try await Self.prepareTimes(pool) != prepared)
    }

    @Test func aReopenedConnectionPreparesAgain() async throws {
        let (pool, url, expected) = try await Self.seeded()
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        let backend = try await Self.backendID(pool)
        let killer = PostgresPool(url: url, size: 1)
        _ = try await killer.query("SELECT pg_terminate_backend($1::int)", [backend])
        await killer.close()
        // The stale connection is reopened for this lookup, which prepares its statement there afresh.
        #expect(try await OrderQuery.fetch(Array(expected.keys), pool: pool) == expected)
        #expect(try await Self.backendID(pool) != backend)
        #expect(try await Self.preparedNames(pool) == [OrderQuery.statement.name])
    }

    @Test func profilesAreLookedUpByAPreparedStatementToo() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["p1", "p2"])
        let pool = PostgresPool(url: fixture.url, size: 1)
        let profiles = try await ProfileQuery.fetch([.id("p1"), .email("p2@example.com"), .id("nobody")], pool: pool)
        #expect(profiles[.id("p1")] == StoreFixture.profile("p1"))
        #expect(profiles[.email("p2@example.com")] == StoreFixture.profile("p2"))
        #expect(profiles[.id("nobody")] == nil)
        #expect(try await Self.preparedNames(pool) == [ProfileQuery.statement.name])
    }
}
