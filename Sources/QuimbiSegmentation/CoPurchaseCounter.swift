import QuimbiCore

/// Counts which items the same customers buy, order by order, and turns the counts into
/// ``ItemAffinities``: two items go together as strongly as the cosine of their buyer sets,
/// `buyers(a and b) / √(buyers(a) · buyers(b))`. Items are named with their variants
/// (``LineItem/displayName``), so colours count apart. Memory grows with customers times the
/// distinct items each bought.
public struct CoPurchaseCounter: Sendable {
    private var indexOfItem: [String: Int] = [:]
    private var items: [String] = []
    private var itemsOfCustomer: [String: Set<Int>] = [:]

    /// An empty counter.
    public init() {}

    /// Notes the items of `order` as bought by its customer.
    public mutating func add(_ order: Order) {
        for line in order.lineItems {
            add(item: line.displayName, customerID: order.customerID)
        }
    }

    /// Notes `item` (a display name) as bought by `customerID`.
    public mutating func add(item: String, customerID: String) {
        let index: Int
        if let known = indexOfItem[item] {
            index = known
        } else {
            index = items.count
            indexOfItem[item] = index
            items.append(item)
        }
        itemsOfCustomer[customerID, default: []].insert(index)
    }

    /// The affinities of the items counted, each with up to `companionsPerItem` companions.
    public func affinities(companionsPerItem: Int = 10) -> ItemAffinities {
        var buyers = [Int](repeating: 0, count: items.count)
        var together: [Int: [Int: Int]] = [:]
        for bought in itemsOfCustomer.values {
            for item in bought { buyers[item] += 1 }
            guard bought.count > 1 else { continue }
            for first in bought {
                for second in bought where second != first { together[first, default: [:]][second, default: 0] += 1 }
            }
        }
        var companions: [String: [ItemCompanion]] = [:]
        for (item, pairs) in together {
            let scored = pairs.map { other, count in
                ItemCompanion(item: items[other], score: Double(count) / (Double(buyers[item]) * Double(buyers[other])).squareRoot())
            }
            companions[items[item]] = Array(scored.sorted { ($0.score, $1.item) > ($1.score, $0.item) }.prefix(companionsPerItem))
        }
        let popular = items.indices.sorted { (buyers[$0], items[$1]) > (buyers[$1], items[$0]) }.map { items[$0] }
        return ItemAffinities(companions: companions, popular: popular)
    }
}
