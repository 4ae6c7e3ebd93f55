import Foundation
import QuimbiCore
import ShopifyFake
import Testing
@testable import QuimbiShopify

@Suite("Shopify order lookups")
struct ShopifyOrderLookupTests {
    @Test("orders by customer id come newest first and map every field")
    func ordersByID() async throws {
        let fixture = try await ShopifyFixture.start()
        let orders = try await fixture.source.recentOrders(for: seedReference, limit: 5)
        try await fixture.stop()

        #expect(orders.map(\.name) == ["#1042", "#1011", "#1001"])
        let newest = try #require(orders.first)
        #expect(newest.id == "5003")
        #expect(newest.customerID == "7415378247935")
        #expect(newest.createdAt == RFC3339.date(from: "2026-04-09T14:20:00Z"))
        #expect(newest.total == 61.90 && newest.currency == "USD")
        #expect(newest.financialStatus == "paid" && newest.fulfillmentStatus == "in_progress")
        #expect(newest.lineItems.first == LineItem(title: "Cotton thread", variant: "Cream / 500 m", sku: "CT-CRM-500", quantity: 4, unitPrice: 12.5))
        #expect(newest.lineItems.last?.variant == nil && newest.lineItems.last?.sku == nil)
        #expect(newest.tracking == [Tracking(company: "USPS", number: "9400111899223", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223")])
        #expect(orders[1].financialStatus == "partially_refunded")
        #expect(orders[1].tracking.isEmpty)
    }

    @Test("totalDiscountsSet is the order's discount: 7.50 is 7.50, 0.0 is none, null is unknown")
    func discounts() async throws {
        let fixture = try await ShopifyFixture.start()
        let orders = try await fixture.source.recentOrders(for: seedReference, limit: 5)
        try await fixture.stop()
        #expect(ShopifyQueries.ordersByID.contains("totalDiscountsSet { shopMoney { amount currencyCode } }"))
        #expect(orders.map(\.discountTotal) == [7.5, 0, nil])
    }

    @Test("the request goes to the pinned version with the access token")
    func requestShape() async throws {
        let fixture = try await ShopifyFixture.start()
        _ = try await fixture.source.recentOrders(for: seedReference, limit: 1)
        let request = try #require(fixture.server.requests.first)
        try await fixture.stop()
        #expect(request.path == "/admin/api/2025-07/graphql.json")
        #expect(request.accessToken == "shpat_test")
        #expect(request.operationName == "CustomerOrdersByID")
    }

    @Test("orders by e-mail when the ticket has no customer id")
    func ordersByEmail() async throws {
        let fixture = try await ShopifyFixture.start()
        let orders = try await fixture.source.recentOrders(for: CustomerReference(customerID: nil, email: "Jane@Example.com"), limit: 2)
        let operation = fixture.server.requests.first?.operationName
        try await fixture.stop()
        #expect(orders.map(\.name) == ["#1042", "#1011"])
        #expect(operation == "CustomerOrdersByEmail")
    }

    @Test("an unknown customer has no orders", arguments: [
        CustomerReference(customerID: "999", email: nil),
        CustomerReference(customerID: nil, email: "nobody@example.com"),
    ])
    func unknownCustomer(reference: CustomerReference) async throws {
        let fixture = try await ShopifyFixture.start()
        let orders = try await fixture.source.recentOrders(for: reference, limit: 5)
        let summary = try await fixture.source.customerSummary(for: reference)
        try await fixture.stop()
        #expect(orders.isEmpty)
        #expect(summary == nil)
    }

    @Test("a customer without orders has none, and a reference without id or e-mail asks nothing")
    func noOrders() async throws {
        let fixture = try await ShopifyFixture.start()
        let orders = try await fixture.source.recentOrders(for: CustomerReference(customerID: "42", email: nil), limit: 5)
        let anonymous = try await fixture.source.recentOrders(for: CustomerReference(customerID: nil, email: " "), limit: 5)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(orders.isEmpty && anonymous.isEmpty)
        #expect(requests == 1)
    }

    @Test("asking for more than a page follows the cursor, and stops at the limit")
    func pagination() async throws {
        let fixture = try await ShopifyFixture.start()
        let reference = CustomerReference(customerID: "gid://shopify/Customer/777", email: nil)
        let orders = try await fixture.source.recentOrders(for: reference, limit: 12)
        let requestsForAll = fixture.server.requestCount
        let fewer = try await fixture.source.recentOrders(for: reference, limit: 7)
        try await fixture.stop()
        #expect(orders.count == 12)
        #expect(Set(orders.map(\.id)).count == 12)
        #expect(orders.map(\.createdAt) == orders.map(\.createdAt).sorted(by: >))
        #expect(requestsForAll == 3)
        #expect(fewer.map(\.id) == Array(orders.prefix(7)).map(\.id))
    }

    @Test("the customer summary reads amountSpent and numberOfOrders")
    func summary() async throws {
        let fixture = try await ShopifyFixture.start()
        let summary = try #require(try await fixture.source.customerSummary(for: seedReference))
        try await fixture.stop()
        #expect(summary == ShopifyCustomerSummary(customerID: "7415378247935", amountSpent: 179.42, currency: "USD", numberOfOrders: 3))
    }

    @Test("the customer summary by e-mail")
    func summaryByEmailAndRejection() async throws {
        let fixture = try await ShopifyFixture.start()
        let summary = try await fixture.source.customerSummary(for: CustomerReference(customerID: nil, email: "new@example.com"))
        let operation = fixture.server.requests.last?.operationName
        try await fixture.stop()
        #expect(summary == ShopifyCustomerSummary(customerID: "42", amountSpent: 0, currency: "USD", numberOfOrders: 0))
        #expect(operation == "CustomerSummaryByEmail")
    }

    @Test("concurrent lookups of one customer cost one request, and the cache answers later ones")
    func coalescing() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.delay(milliseconds: 200))
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { try await fixture.source.recentOrders(for: seedReference, limit: 3).count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let later = try await fixture.source.recentOrders(for: seedReference, limit: 2)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(counts == Array(repeating: 3, count: 20))
        #expect(later.count == 2)
        #expect(requests == 1)
    }

    @Test("a zero cache TTL asks Shopify every time")
    func noCache() async throws {
        let fixture = try await ShopifyFixture.start(cacheTTL: .zero)
        _ = try await fixture.source.recentOrders(for: seedReference, limit: 3)
        _ = try await fixture.source.recentOrders(for: seedReference, limit: 3)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(requests == 2)
    }
}
