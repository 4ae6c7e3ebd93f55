import Foundation
import QuimbiCore
import Testing

/// The distinct items of a customer's orders: each item (title and variant) once, in order of first
/// appearance, whether the orders list a few items (searched linearly) or many (through a set).
struct DistinctItemsTests {
    @Test func eachItemAppearsOnceInOrderOfFirstAppearance() {
        let orders = [
            order(["Polyester thread": "Sky blue", "Cotton thread": "Charcoal"]),
            order(["Polyester thread": "Sky blue"]),
            order(["Polyester thread": "Cream", "Cotton thread": nil]),
        ]
        #expect(orders.distinctItems == [
            "Polyester thread — Sky blue", "Cotton thread — Charcoal", "Polyester thread — Cream", "Cotton thread",
        ])
        #expect([Order]().distinctItems.isEmpty)
    }

    @Test(arguments: [3, 15, 16, 17, 40, 300])
    func manyItemsAgreeWithAReferenceDeduplication(distinct: Int) {
        var generator = SystemRandomNumberGenerator()
        let names = (0..<distinct).map { "Item \($0)" }
        let orders = (0..<(distinct * 2)).map { _ in
            Order(
                id: "o", customerID: "c", createdAt: Date(timeIntervalSince1970: 0), total: 1,
                lineItems: (0..<3).map { _ in LineItem(title: names.randomElement(using: &generator)!, quantity: 1, unitPrice: 1) })
        }
        var seen = Set<String>()
        let reference = orders.flatMap(\.lineItems).map(\.displayName).filter { seen.insert($0).inserted }
        #expect(orders.distinctItems == reference)
    }

    private func order(_ items: KeyValuePairs<String, String?>) -> Order {
        Order(
            id: "o", customerID: "c", createdAt: Date(timeIntervalSince1970: 0), total: 1,
            lineItems: items.map { LineItem(title: $0.key, variant: $0.value, quantity: 1, unitPrice: 1) })
    }
}
