import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Order lookups read their rows in place from libpq's buffers (``PostgresResult``): every column comes back
/// as written, through the plain JSON reader and through its `JSONDecoder` fallback alike, in a database of
/// any encoding, and a row that cannot be read fails its own lookup only.
@Suite(.enabled(if: TestServers.available))
struct OrderRowReadingTests {
    static let customer = Customer(id: "reader", email: "reader@example.com", firstName: nil, lastName: nil, createdAt: StoreFixture.origin)

    @Test func everyColumnReadsBackAsWrittenWhetherItsJSONIsPlainOrNot() async throws {
        let fixture = try await StoreFixture.make()
        let plain = Order(
            id: "plain", name: "#1001", customerID: "reader", createdAt: StoreFixture.origin.addingTimeInterval(0.125), total: 42.5,
            discountTotal: 4.25, currency: "EUR", financialStatus: "paid", fulfillmentStatus: "fulfilled",
            lineItems: [LineItem(title: "Fil de lin écru", variant: "50 g", sku: "LIN-50", quantity: 2, unitPrice: 12.75)],
            tracking: [Tracking(company: "Colissimo", number: "6A123", url: "https://example.com/t/6A123")])
        // Quotes, backslashes and a line feed are escaped in the stored JSON: the plain reader leaves those to JSONDecoder.
        let escaped = Order(
            id: "escaped", name: nil, customerID: "reader", createdAt: StoreFixture.origin.addingTimeInterval(StoreFixture.day), total: 7,
            discountTotal: nil, currency: "USD", financialStatus: "pending", fulfillmentStatus: "unfulfilled",
            lineItems: [LineItem(title: "Say \"hi\" \\ 🧵\nline two", variant: nil, sku: nil, quantity: 1, unitPrice: 7)],
            tracking: [])
        try await StoreWriter(pool: fixture.pool).write(customers: [Self.customer], orders: [plain, escaped])

        let orders = try await OrderRepository(pool: fixture.pool).recentOrders(for: CustomerReference(customerID: "reader", email: nil), limit: 5)

        #expect(orders == [escaped, plain])
    }

    /// The connection asks for UTF-8: before, a LATIN1 database stored the UTF-8 bytes of "°" as two LATIN1
    /// characters (what other clients and SQL's own text functions then saw), and text other clients wrote came
    /// back as LATIN1 bytes, which are not UTF-8 ("é" read as U+FFFD).
    @Test func textReadsBackAsWrittenInADatabaseThatIsNotUTF8() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(encoding: "LATIN1"), size: 2)
        try await Migrator(pool: pool).migrate()
        let order = Order(
            id: "latin", name: "Commande n° 7", customerID: "reader", createdAt: StoreFixture.origin, total: 9.5, currency: "EUR",
            lineItems: [LineItem(title: "Fil \"écru\" à broder", variant: "crème", sku: nil, quantity: 1, unitPrice: 9.5)])
        try await StoreWriter(pool: pool).write(customers: [Self.customer], orders: [order])

        let orders = try await OrderRepository(pool: pool).recentOrders(for: CustomerReference(customerID: "reader", email: nil), limit: 5)

        #expect(orders == [order])
        let stored = try await pool.query("SELECT length(name), octet_length(convert_to(name, 'LATIN1')) FROM orders WHERE id = 'latin'")
        #expect(stored.rows.first == ["13", "13"], "the server stores 13 LATIN1 characters, not the UTF-8 bytes")
        _ = try await pool.query("UPDATE orders SET name = 'caf' || chr(233) WHERE id = 'latin'")
        let renamed = try await OrderRepository(pool: pool).recentOrders(for: CustomerReference(customerID: "reader", email: nil), limit: 5)
        #expect(renamed.first?.name == "café")
    }

    @Test func aRowThatCannotBeReadFailsItsOwnLookupOnly() async throws {
        let fixture = try await StoreFixture.make()
        let fine = Customer(id: "fine", email: nil, firstName: nil, lastName: nil, createdAt: StoreFixture.origin)
        let order = Order(id: "fine-1", customerID: "fine", createdAt: StoreFixture.origin, total: 3)
        try await StoreWriter(pool: fixture.pool).write(customers: [Self.customer, fine], orders: [order])
        _ = try await fixture.pool.query("""
            INSERT INTO orders (id, customer_id, created_at, total, currency, financial_status, fulfillment_status, line_items, tracking)
            VALUES ('broken', 'reader', now(), 1, 'EUR', 'paid', 'fulfilled', '{"title": "not a list"}', '[]')
            """)
        let repository = OrderRepository(pool: fixture.pool)

        // Started before either is awaited, the two mostly share a batch, which fails and is tried again key by key
        // (three queries); the batch may also flush between the two starts (two). Rounds until one shared.
        var sharedOne = false
        for _ in 0..<50 where !sharedOne {
            let queriesBefore = repository.counter.snapshot.postgresQueries
            let deadline = ContinuousClock.now + .seconds(30)
            let broken = repository.startRecentOrdersLookup(for: CustomerReference(customerID: "reader", email: nil), limit: 5, until: deadline)
            let other = repository.startRecentOrdersLookup(for: CustomerReference(customerID: "fine", email: nil), limit: 5, until: deadline)

            #expect(try await other.value() == [order])
            let failure = await #expect(throws: LookupError.self) { try await broken.value() }
            #expect(failure?.code == "store_corrupt_row")
            #expect(failure?.isTransient == false)
            sharedOne = repository.counter.snapshot.postgresQueries - queriesBefore == 3
        }
        #expect(sharedOne, "no round put both lookups in one batch")
    }
}
