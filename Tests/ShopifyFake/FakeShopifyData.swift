import Foundation

/// A line item of a fake order.
public struct FakeShopifyLineItem: Sendable {
    public var title: String
    public var variantTitle: String?
    public var sku: String?
    public var quantity: Int
    public var unitPrice: String

    public init(title: String, variantTitle: String? = nil, sku: String? = nil, quantity: Int, unitPrice: String) {
        self.title = title
        self.variantTitle = variantTitle
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// A fulfillment tracking entry of a fake order.
public struct FakeShopifyTracking: Sendable {
    public var number: String?
    public var url: String?
    public var company: String?

    public init(number: String?, url: String?, company: String?) {
        self.number = number
        self.url = url
        self.company = company
    }
}

/// An order the fake serves, with Shopify's display enums (`PAID`, `FULFILLED`).
public struct FakeShopifyOrder: Sendable {
    public var id: Int
    public var name: String
    /// RFC 3339, as Shopify's `DateTime`.
    public var createdAt: String
    public var financialStatus: String?
    public var fulfillmentStatus: String
    /// A decimal string, as Shopify's `Decimal`.
    public var total: String
    /// `totalDiscountsSet` as a decimal string; `nil` answers `null`.
    public var discounts: String?
    public var currency: String
    public var lineItems: [FakeShopifyLineItem]
    public var tracking: [FakeShopifyTracking]

    public init(
        id: Int, name: String, createdAt: String, financialStatus: String? = "PAID",
        fulfillmentStatus: String = "FULFILLED", total: String, discounts: String? = nil, currency: String = "USD",
        lineItems: [FakeShopifyLineItem] = [], tracking: [FakeShopifyTracking] = []
    ) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.financialStatus = financialStatus
        self.fulfillmentStatus = fulfillmentStatus
        self.total = total
        self.discounts = discounts
        self.currency = currency
        self.lineItems = lineItems
        self.tracking = tracking
    }
}

/// A customer the fake serves; `orders` newest first.
public struct FakeShopifyCustomer: Sendable {
    public var id: Int
    public var email: String
    public var amountSpent: String
    public var currency: String
    public var orders: [FakeShopifyOrder]

    public init(id: Int, email: String, amountSpent: String, currency: String = "USD", orders: [FakeShopifyOrder]) {
        self.id = id
        self.email = email
        self.amountSpent = amountSpent
        self.currency = currency
        self.orders = orders
    }

    /// `gid://shopify/Customer/{id}`.
    public var gid: String { "gid://shopify/Customer/\(id)" }

    /// `count` deterministic customers with ids from `firstID`, each with `ordersEach` orders.
    public static func generated(count: Int, ordersEach: Int, firstID: Int = 1_000_000) -> [FakeShopifyCustomer] {
        generated(ids: Array(firstID..<firstID + count), ordersEach: ordersEach)
    }

    /// Deterministic customers with the given ids, each with `ordersEach` orders.
    public static func generated(ids: [Int], ordersEach: Int) -> [FakeShopifyCustomer] {
        ids.map { id in
            let orders = (0..<ordersEach).map { number in
                FakeShopifyOrder(
                    id: id * 100 + number, name: "#\(1000 + number)",
                    createdAt: String(format: "2026-%02d-15T10:00:00Z", 12 - min(number, 11)),
                    total: "24.50",
                    lineItems: [FakeShopifyLineItem(title: "Cotton thread", variantTitle: "500 m", sku: "CT-\(number)", quantity: 2, unitPrice: "12.25")],
                    tracking: [FakeShopifyTracking(number: "1Z\(id)\(number)", url: "https://track.example/1Z\(id)\(number)", company: "UPS")])
            }
            return FakeShopifyCustomer(id: id, email: "customer\(id)@example.com", amountSpent: "\(24.5 * Double(ordersEach))", orders: orders)
        }
    }
}

/// A scripted misbehaviour for the next request; faults are consumed one per request, in order.
public enum FakeShopifyFault: Sendable {
    /// Answer with this HTTP status (401, 429, 503, …), optionally with a `Retry-After` header.
    case status(Int, retryAfter: String? = nil)
    /// Answer 200 with a `THROTTLED` GraphQL error and this bucket state.
    case throttled(currentlyAvailable: Double, restoreRate: Double)
    /// Answer 200 with a body that is not JSON.
    case malformedJSON
    /// Answer normally, but only after this delay.
    case delay(milliseconds: Int64)
}

/// One request the fake received.
public struct FakeShopifyRequest: Sendable {
    public var path: String
    public var accessToken: String?
    public var operationName: String?
}
