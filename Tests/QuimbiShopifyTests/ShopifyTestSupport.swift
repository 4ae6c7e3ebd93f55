import Foundation
import QuimbiCore
import ShopifyFake
@testable import QuimbiShopify

/// The seed's customer: three orders of thread, the newest one in transit with a discount of 7.50, the
/// one before without a discount, the oldest not saying (`totalDiscountsSet: null`).
let seedCustomer = FakeShopifyCustomer(
    id: 7_415_378_247_935, email: "jane@example.com", amountSpent: "179.42",
    orders: [
        FakeShopifyOrder(
            id: 5003, name: "#1042", createdAt: "2026-04-09T14:20:00Z", fulfillmentStatus: "IN_PROGRESS", total: "61.90", discounts: "7.50",
            lineItems: [
                FakeShopifyLineItem(title: "Cotton thread", variantTitle: "Cream / 500 m", sku: "CT-CRM-500", quantity: 4, unitPrice: "12.50"),
                FakeShopifyLineItem(title: "Silk thread", variantTitle: nil, sku: nil, quantity: 1, unitPrice: "11.90"),
            ],
            tracking: [FakeShopifyTracking(number: "9400111899223", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223", company: "USPS")]),
        FakeShopifyOrder(
            id: 5002, name: "#1011", createdAt: "2025-11-20T09:00:00Z", financialStatus: "PARTIALLY_REFUNDED", total: "58.02", discounts: "0.0",
            lineItems: [FakeShopifyLineItem(title: "Cotton thread", variantTitle: "Navy / 500 m", sku: "CT-NAV-500", quantity: 4, unitPrice: "14.505")]),
        FakeShopifyOrder(
            id: 5001, name: "#1001", createdAt: "2025-06-02T17:45:00Z", total: "59.50",
            lineItems: [FakeShopifyLineItem(title: "Cotton thread", variantTitle: "White / 500 m", sku: "CT-WHT-500", quantity: 5, unitPrice: "11.90")]),
    ])

/// A customer without orders.
let newCustomer = FakeShopifyCustomer(id: 42, email: "new@example.com", amountSpent: "0.0", orders: [])

/// A customer with more orders than one page.
let loyalCustomer = FakeShopifyCustomer.generated(count: 1, ordersEach: 12, firstID: 777)[0]

/// A fake shop with the test customers, and a source pointed at it that retries quickly.
struct ShopifyFixture {
    let server: FakeShopifyServer
    let source: ShopifyOrderSource
    private let closer: Closer

    /// Shuts the source's HTTP client down when a test ends without ``stop()`` (it threw first): an
    /// HTTP client released while running stops the whole test process.
    private final class Closer: Sendable {
        let source: ShopifyOrderSource
        init(_ source: ShopifyOrderSource) { self.source = source }
        deinit {
            let source = source
            Task { try? await source.shutdown() }
        }
    }

    init(server: FakeShopifyServer, source: ShopifyOrderSource) {
        self.server = server
        self.source = source
        self.closer = Closer(source)
    }

    static func start(
        token: String = "shpat_test", maxAttempts: Int = 4, retryBudget: Duration = .seconds(2),
        requestTimeout: Duration = .seconds(5), breakerThreshold: Int = 5, breakerCooldown: Duration = .seconds(30),
        cacheTTL: Duration = .seconds(30)
    ) async throws -> ShopifyFixture {
        let server = try await FakeShopifyServer.start(customers: [seedCustomer, newCustomer, loyalCustomer])
        let configuration = try ShopifyConfiguration(
            store: nil, url: server.baseURL, token: token, environment: [:], requestTimeout: requestTimeout,
            maxAttempts: maxAttempts, baseBackoff: .milliseconds(5), retryBudget: retryBudget,
            breakerFailureThreshold: breakerThreshold, breakerCooldown: breakerCooldown, cacheTTL: cacheTTL)
        return ShopifyFixture(server: server, source: ShopifyOrderSource(configuration: configuration))
    }

    /// The lookup's ``LookupError``, or `nil` when it succeeded (or threw something else).
    func lookupError(_ reference: CustomerReference, limit: Int = 5) async -> LookupError? {
        do {
            _ = try await source.recentOrders(for: reference, limit: limit)
            return nil
        } catch {
            return error as? LookupError
        }
    }

    func stop() async throws {
        try await source.shutdown()
        try await server.stop()
    }
}

let seedReference = CustomerReference(customerID: "7415378247935", email: nil)
