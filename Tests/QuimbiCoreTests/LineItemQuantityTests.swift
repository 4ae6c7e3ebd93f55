import QuimbiCore
import Testing

/// Lines of the same item (title and variant) count as one item with their quantities added, in the
/// order the items were first listed; a different variant is a different item.
struct LineItemQuantityTests {
    @Test func linesOfTheSameItemAreAddedUpInOrderOfFirstListing() {
        let lines = [
            LineItem(title: "Polyester thread", variant: "Sky blue", quantity: 2, unitPrice: 5),
            LineItem(title: "Cotton thread", variant: "Charcoal", quantity: 3, unitPrice: 4),
            LineItem(title: "Polyester thread", variant: "Sky blue", quantity: 2, unitPrice: 5),
            LineItem(title: "Polyester thread", variant: "Cream", quantity: 1, unitPrice: 5),
        ]
        let merged = lines.quantitiesByItem
        #expect(merged.map(\.item) == ["Polyester thread — Sky blue", "Cotton thread — Charcoal", "Polyester thread — Cream"])
        #expect(merged.map(\.quantity) == [4, 3, 1])
        #expect([LineItem]().quantitiesByItem.isEmpty)
    }
}
