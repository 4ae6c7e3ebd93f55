import Foundation

/// One line of an order.
public struct LineItem: Codable, Sendable, Hashable {
    /// Product title, e.g. "Cotton thread — cream".
    public var title: String
    /// Variant title, e.g. "500 m spool".
    public var variant: String?
    /// Stock-keeping unit.
    public var sku: String?
    /// Units ordered.
    public var quantity: Int
    /// Price of one unit in the order's currency.
    public var unitPrice: Double

    public init(title: String, variant: String? = nil, sku: String? = nil, quantity: Int, unitPrice: Double) {
        self.title = title
        self.variant = variant
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, variant, sku, quantity
        case unitPrice = "unit_price"
    }

    /// The item as a customer names it: the title with its variant, "Cotton Thread 50wt — Cream", or
    /// "Cotton thread — cream (500 m spool)" when the title already carries a dash; the title alone without a variant.
    public var displayName: String { Self.displayName(title: title, variant: variant) }

    /// Whether `title` contains " — " (space, em dash, space), read on its contiguous UTF-8 bytes: every
    /// ticket names its items, and both Foundation's `String.contains` and the standard library's generic
    /// substring search cost microseconds a call (and iterating its `utf8` view, 730 instructions).
    static func containsDashSeparator(_ title: String) -> Bool {
        title.withContiguousUTF8 { bytes in
            guard bytes.count >= 5 else { return false }
            for start in 0...(bytes.count - 5) where bytes[start] == 0x20 && bytes[start + 1] == 0xE2
                && bytes[start + 2] == 0x80 && bytes[start + 3] == 0x94 && bytes[start + 4] == 0x20 {
                return true
            }
            return false
        }
    }

    /// The ``displayName`` of an item with this title and variant.
    public static func displayName(title: String, variant: String?) -> String {
        guard let variant, !variant.isEmpty else { return title }
        var name = OutputBuffer(capacity: title.utf8.count + variant.utf8.count + 5)
        writeDisplayName(title: title, variant: variant, to: &name)
        return name.string
    }

    /// Appends ``displayName`` to `text` without building it apart (every ticket's prompt names its items).
    public func writeDisplayName(to text: inout OutputBuffer) {
        Self.writeDisplayName(title: title, variant: variant, to: &text)
    }

    private static func writeDisplayName(title: String, variant: String?, to text: inout OutputBuffer) {
        text.append(title)
        guard let variant, !variant.isEmpty else { return }
        if containsDashSeparator(title) {
            text.append(" (")
            text.append(variant)
            text.append(")")
        } else {
            text.append(" — ")
            text.append(variant)
        }
    }
}

extension [LineItem] {
    /// Each item (``LineItem/displayName``) once, in order of first listing, with the quantities of its lines added.
    public var quantitiesByItem: [(item: String, quantity: Int)] {
        var merged: [(item: String, quantity: Int)] = []
        for line in self {
            let item = line.displayName
            if let index = merged.firstIndex(where: { $0.item == item }) {
                merged[index].quantity += line.quantity
            } else {
                merged.append((item, line.quantity))
            }
        }
        return merged
    }
}

extension [Order] {
    /// The distinct items of these orders (``LineItem/displayName``), in order of first appearance.
    ///
    /// A ticket's recent orders list a handful of items, and comparing a name with those few costs less than
    /// hashing it into a set; longer histories use a set, so the pass stays linear.
    public var distinctItems: [String] {
        var items: [String] = []
        var seen: Set<String>? = nil
        for order in self {
            for line in order.lineItems {
                let item = line.displayName
                if seen == nil, items.count == Self.linearSearchLimit { seen = Set(items) }
                let isNew = seen?.insert(item).inserted ?? !items.contains(item)
                if isNew { items.append(item) }
            }
        }
        return items
    }

    /// Most items kept before ``distinctItems`` switches from a linear search to a set.
    private static var linearSearchLimit: Int { 16 }
}

/// Shipment tracking of an order.
public struct Tracking: Codable, Sendable, Hashable {
    /// Carrier name, e.g. "USPS".
    public var company: String?
    /// Carrier tracking number.
    public var number: String?
    /// Carrier tracking page.
    public var url: String?

    public init(company: String? = nil, number: String? = nil, url: String? = nil) {
        self.company = company
        self.number = number
        self.url = url
    }
}

/// A customer's order, as stored in the `orders` table or read from Shopify.
public struct Order: Codable, Sendable, Hashable {
    /// The store's order id.
    public var id: String
    /// Display name, e.g. "#1042".
    public var name: String?
    /// The buyer.
    public var customerID: String
    /// When the order was placed.
    public var createdAt: Date
    /// Order total including tax and shipping.
    public var total: Double
    /// The discounts actually applied to the order, in its currency (JSON key `discount_total`):
    /// `0` when it carried none, `nil` when unknown (orders recorded before the field existed, or from
    /// a source that does not say). ``total`` is what was paid after it.
    public var discountTotal: Double?
    /// ISO 4217 currency code.
    public var currency: String
    /// Payment state, e.g. `paid`, `refunded`.
    public var financialStatus: String
    /// Shipping state, e.g. `fulfilled`, `in_transit`, `unfulfilled`.
    public var fulfillmentStatus: String
    /// What was bought.
    public var lineItems: [LineItem]
    /// Shipment tracking, when shipped.
    public var tracking: [Tracking]

    public init(
        id: String, name: String? = nil, customerID: String, createdAt: Date, total: Double, discountTotal: Double? = nil,
        currency: String = "USD", financialStatus: String = "paid", fulfillmentStatus: String = "fulfilled",
        lineItems: [LineItem] = [], tracking: [Tracking] = []
    ) {
        self.id = id
        self.name = name
        self.customerID = customerID
        self.createdAt = createdAt
        self.total = total
        self.discountTotal = discountTotal
        self.currency = currency
        self.financialStatus = financialStatus
        self.fulfillmentStatus = fulfillmentStatus
        self.lineItems = lineItems
        self.tracking = tracking
    }

    enum CodingKeys: String, CodingKey {
        case id, name, total, currency, tracking
        case customerID = "customer_id"
        case createdAt = "created_at"
        case discountTotal = "discount_total"
        case financialStatus = "financial_status"
        case fulfillmentStatus = "fulfillment_status"
        case lineItems = "line_items"
    }
}

/// A customer record of the store.
public struct Customer: Codable, Sendable, Hashable {
    /// The store's customer id (a Shopify customer id for Shopify stores).
    public var id: String
    /// Contact e-mail.
    public var email: String?
    /// Given name, used in greetings.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// When the customer account was created.
    public var createdAt: Date

    public init(id: String, email: String?, firstName: String?, lastName: String?, createdAt: Date) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email
        case firstName = "first_name"
        case lastName = "last_name"
        case createdAt = "created_at"
    }
}
