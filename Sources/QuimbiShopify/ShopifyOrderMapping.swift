import QuimbiCore

/// Maps Shopify's GraphQL order shapes onto QuimbiCore's ``Order``.
enum ShopifyOrderMapping {
    /// The numeric tail of a GID (`gid://shopify/Order/42` → `42`); other ids pass through.
    static func legacyID(_ gid: String) -> String {
        guard gid.hasPrefix("gid://"), let tail = gid.split(separator: "/").last else { return gid }
        return String(tail.split(separator: "?").first ?? tail)
    }

    /// A Shopify display status (`PARTIALLY_REFUNDED`) in Quimbi's snake_case (`partially_refunded`).
    static func status(_ display: String?) -> String {
        display?.lowercased() ?? "unknown"
    }

    /// The order, or ``LookupError`` `shopify_bad_response` when a timestamp or amount is malformed.
    static func order(_ node: OrderNode, customerID: String) throws -> Order {
        guard let createdAt = RFC3339.date(from: node.createdAt) else {
            throw LookupError.shopifyBadResponse("order \(node.id) has createdAt '\(node.createdAt.prefix(40))', not RFC 3339")
        }
        return Order(
            id: legacyID(node.id), name: node.name, customerID: legacyID(customerID), createdAt: createdAt,
            total: try amount(node.totalPriceSet.shopMoney, of: node.id),
            discountTotal: try node.totalDiscountsSet.map { try amount($0.shopMoney, of: node.id) },
            currency: node.totalPriceSet.shopMoney.currencyCode,
            financialStatus: status(node.displayFinancialStatus),
            fulfillmentStatus: status(node.displayFulfillmentStatus),
            lineItems: try node.lineItems.nodes.map { item in
                LineItem(
                    title: item.title, variant: variant(item.variantTitle), sku: item.sku, quantity: item.quantity,
                    unitPrice: try item.originalUnitPriceSet.map { try amount($0.shopMoney, of: node.id) } ?? 0)
            },
            tracking: (node.fulfillments ?? []).flatMap(\.trackingInfo).map {
                Tracking(company: $0.company, number: $0.number, url: $0.url)
            })
    }

    /// The variant title, or nil for the "Default Title" Shopify gives a product without options.
    static func variant(_ title: String?) -> String? {
        guard let title, !title.isEmpty, title != defaultVariantTitle else { return nil }
        return title
    }

    /// The variant title of a product without options.
    static let defaultVariantTitle = "Default Title"

    /// A decimal money string as a `Double`.
    static func amount(_ money: Money, of owner: String) throws -> Double {
        guard let value = Double(money.amount), value.isFinite else {
            throw LookupError.shopifyBadResponse("\(owner) has amount '\(money.amount.prefix(40))', not a decimal")
        }
        return value
    }
}
