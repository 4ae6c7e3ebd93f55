import QuimbiCore

/// Counts which items the same customers buy, order by order, and turns the counts into
/// ``ItemAffinities``: two items go together as strongly as the cosine of their buyer sets,
/// `buyers(a and b) / √(buyers(a) · buyers(b))`. Items are named with their variants
/// (``LineItem/displayName``), so colours count apart. Memory grows with customers times the
/// distinct items each bought.
public struct CoPurchaseCounter: Sendable {
    /// An item as its line reads it, before it is named.
    private struct Line: Hashable {
        var title: String
        var variant: String?
    }

    /// Each line's item, found by its title and variant: a million customers' stores hand over millions of
    /// lines of a few dozen items, and naming each line then hashing its name (not ASCII: "—") cost 1.5 s of
    /// the 5.3 s counting them.
    private var indexOfLine: [Line: Int] = [:]
    private var indexOfItem: [String: Int] = [:]
    private var items: [String] = []
    private var itemsOfCustomer: [String: ItemSet] = [:]

    /// An empty counter.
    public init() {}

    /// Notes the items of `order` as bought by its customer.
    public mutating func add(_ order: Order) {
        for line in order.lineItems {
            add(title: line.title, variant: line.variant, customerID: order.customerID)
        }
    }

    /// Notes the item of `title` and `variant` (named as ``LineItem/displayName``) as bought by `customerID`.
    public mutating func add(title: String, variant: String?, customerID: String) {
        let line = Line(title: title, variant: variant)
        let index: Int
        if let known = indexOfLine[line] {
            index = known
        } else {
            index = self.index(of: LineItem.displayName(title: title, variant: variant))
            indexOfLine[line] = index
        }
        itemsOfCustomer[customerID, default: ItemSet()].insert(index)
    }

    /// The number of the item named `item`, numbered now when it is new (two lines may name one item:
    /// an empty variant names it as no variant does).
    private mutating func index(of item: String) -> Int {
        if let known = indexOfItem[item] { return known }
        indexOfItem[item] = items.count
        items.append(item)
        return items.count - 1
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
