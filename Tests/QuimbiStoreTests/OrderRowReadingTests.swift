import Foundation
import QuimbiCore
import QuimbiResilience
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Order lookups read their rows in place from libpq's buffers (``PostgresResult``): every column comes back
/// as written, through the plain JSON reader and through its `JSONDecoder` fallback alike, and a row that
/// cannot be read fails its own lookup only.
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

        async let broken = Result { try await repository.recentOrders(for: CustomerReference(customerID: "reader", email: nil), limit: 5) }
        async let other = repository.recentOrders(for: CustomerReference(customerID: "fine", email: nil), limit: 5)

        #expect(try await other == [order])
        guard case .failure(let error) = await broken, let failure = error as? LookupError else {
            Issue.record("the unreadable row's lookup did not fail")
            return
        }
        #expect(failure.code == "store_corrupt_row")
        #expect(!failure.isTransient)
    }
}
