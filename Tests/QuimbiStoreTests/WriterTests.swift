import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

@Suite(.enabled(if: TestServers.available))
struct WriterTests {
    static func order(_ id: String, day: Double, customer: String = "c1") -> Order {
        Order(id: id, name: "#\(id)", customerID: customer, createdAt: StoreFixture.origin.addingTimeInterval(day * StoreFixture.day),
              total: 42.5, lineItems: [LineItem(title: "Thread", variant: "Red", sku: "T-1", quantity: 2, unitPrice: 21.25)],
              tracking: [Tracking(company: "UPS", number: "1Z", url: "https://ups.example/1Z")])
    }

    @Test func ordersComeBackNewestFirstAndRewritingChangesNothing() async throws {
        let fixture = try await StoreFixture.make()
        let customer = Customer(id: "c1", email: "Ada@Example.com", firstName: "Ada", lastName: "L", createdAt: StoreFixture.origin)
        let orders = [Self.order("o1", day: 1), Self.order("o3", day: 3), Self.order("o2", day: 2), Self.order("x", day: 9, customer: "c2")]
        let writer = StoreWriter(pool: fixture.pool)
        #expect(try await writer.write(customers: [customer], orders: orders) == 5)
        #expect(try await writer.write(customers: [customer], orders: orders) == 0)

        let repository = OrderRepository(pool: fixture.pool)
        let recent = try await repository.recentOrders(for: CustomerReference(customerID: "c1", email: nil), limit: 2)
        #expect(recent == [Self.order("o3", day: 3), Self.order("o2", day: 2)])
        let byEmail = try await repository.recentOrders(for: CustomerReference(customerID: nil, email: "ada@example.com"), limit: 10)
        #expect(byEmail.map(\.id) == ["o3", "o2", "o1"])
        #expect(try await repository.recentOrders(for: CustomerReference(customerID: "nobody", email: nil), limit: 5).isEmpty)
    }

    /// A whole store is written a batch a statement (one statement for a million customers' orders outlasted
    /// the statement timeout): a statement-level trigger counts the statements that insert into each table.
    @Test func aStoreIsWrittenABatchAStatement() async throws {
        let fixture = try await StoreFixture.make()
        _ = try await fixture.pool.query("CREATE TABLE statements_seen (table_name text)")
        _ = try await fixture.pool.query("""
            CREATE FUNCTION count_statement() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN INSERT INTO statements_seen VALUES (TG_TABLE_NAME); RETURN NULL; END $$
            """)
        for table in ["customers", "orders"] {
            _ = try await fixture.pool.query("CREATE TRIGGER count_\(table) AFTER INSERT ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION count_statement()")
        }
        let customers = (0..<5).map { Customer(id: "c\($0)", email: nil, firstName: nil, lastName: nil, createdAt: StoreFixture.origin) }
        let orders = (0..<10).map { Self.order("o\($0)", day: Double($0), customer: "c\($0 % 5)") }
        #expect(try await StoreWriter(pool: fixture.pool).write(customers: customers, orders: orders, batchSize: 4) == 15)
        let seen = try await fixture.pool.query("SELECT table_name, count(*) FROM statements_seen GROUP BY 1 ORDER BY 1").rows
        #expect(seen == [["customers", "2"], ["orders", "3"]])
        let stored = try await fixture.pool.query("SELECT count(*) FROM orders").rows
        #expect(stored == [["10"]])
    }

    @Test func segmentationRunReplacesProfilesAndArchetypesAtomically() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1", "c2"])
        let archetypes = ArchetypeRepository(pool: fixture.pool)
        #expect(try await archetypes.archetype(id: "arch_000001") == StoreFixture.archetype)
        #expect(try await archetypes.archetype(id: "arch_999999") == nil)

        let generation = try await SegmentationWriter(pool: fixture.pool).write(
            profiles: [StoreFixture.profile("c2")], archetypes: [StoreFixture.archetype],
            run: SegmentationRun(startedAt: .now, finishedAt: .now, parameters: ["r": "0.243"]))
        #expect(generation == 2)
        let profiles = try await fixture.repository().profiles(for: [.id("c1"), .id("c2")])
        #expect(profiles.keys.sorted { "\($0)" < "\($1)" } == [.id("c2")])
    }
}
