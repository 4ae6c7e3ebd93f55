import Foundation
import QuimbiCore

/// Builds one realistic order of the sample shop worth about `value`.
enum OrderFactory {
    /// The order; its threads mostly in the colours of the customer's `palette` (see ``ProductCatalog/index(_:palette:)``).
    static func order(
        number: Int, customerID: String, palette: Int, at date: Date, value: Double, asOf: Date, random: inout RandomSource
    ) -> Order {
        let catalog = ProductCatalog.products
        let lines = 1 + random.int(below: 3)
        var picked: [(ProductCatalog.Product, Int)] = []
        for _ in 0..<lines {
            picked.append((catalog[ProductCatalog.index(random.int(below: catalog.count), palette: palette)], 1 + random.int(below: 3)))
        }
        let listTotal = picked.reduce(0) { $0 + $1.0.price * Double($1.1) }
        let scale = value / listTotal
        let items = picked.map { product, quantity in
            LineItem(title: product.title, variant: product.variant, sku: product.sku, quantity: quantity,
                     unitPrice: ((product.price * scale) * 100).rounded() / 100)
        }
        let total = items.reduce(0) { $0 + $1.unitPrice * Double($1.quantity) }
        let age = asOf.timeIntervalSince(date) / 86_400
        let status = age < 2 ? "unfulfilled" : age < 8 ? "in_transit" : "fulfilled"
        let tracking = status == "unfulfilled" ? [] : [Tracking(
            company: "USPS", number: "94001118992\(number)",
            url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=94001118992\(number)")]
        return Order(
            id: String(5_000_000_000_000 + number), name: "#\(number)", customerID: customerID, createdAt: date,
            total: (total * 100).rounded() / 100, currency: "USD",
            financialStatus: random.int(below: 50) == 0 ? "refunded" : "paid", fulfillmentStatus: status,
            lineItems: items, tracking: tracking)
    }
}

/// Names and e-mail addresses of sample customers.
enum PersonNames {
    static let first = ["Margaret", "James", "Aiko", "Lucía", "Noah", "Priya", "Olga", "Samuel", "Fatima", "Grace", "Henrik", "Chloé", "Diego", "Hannah", "Kwame", "Mei"]
    static let last = ["Hale", "Okafor", "Tanaka", "García", "Müller", "Patel", "Ivanova", "Brown", "Haddad", "Nguyen", "Larsen", "Dubois", "Silva", "Cohen", "Mensah", "Chen"]

    static func pick(_ random: inout RandomSource, index: Int) -> (first: String, last: String, email: String) {
        let given = first[random.int(below: first.count)]
        let family = last[random.int(below: last.count)]
        let local = "\(given).\(family).\(index)".lowercased().folding(options: .diacriticInsensitive, locale: nil)
        return (given, family, "\(local)@example.com")
    }
}
