import QuimbiCore

/// Counts which items the same customers buy, order by order, and turns the counts into
/// ``ItemAffinities``: two items go together as strongly as the cosine of their buyer sets,
/// `buyers(a and b) / √(buyers(a) · buyers(b))`. Items are named with their variants
/// (``LineItem/displayName``), so colours count apart. Memory grows with customers times the
/// distinct items each bought.
public struct CoPurchaseCounter: Sendable {
    /// Each line's item, found by the bytes of its title and variant: a million customers' stores hand over
    /// millions of lines of a few dozen items, and naming each line then hashing its name (not ASCII: "—") cost
    /// 1.5 s of the 5.3 s counting them; a `String` key per line still cost the NFC hashing of its title.
    private var lines = NumberedSpellings()
    /// The item of each line, by the line's number in ``lines``.
    private var itemOfLine: [Int] = []
    private var indexOfItem: [String: Int] = [:]
    private var items: [String] = []
    /// The customers, found by the bytes of their ids, and the items each bought, by the customer's number.
    private var customers = NumberedSpellings()
    private var itemsOfCustomer: [ItemSet] = []
    /// A line's title, a NUL (which no PostgreSQL text holds) and its variant, written here for each lookup.
    private var lineKey: [UInt8] = []

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
        title.withContiguousUTF8 { title in
            customerID.withContiguousUTF8 { customerID in
                guard let variant else { return add(titleUTF8: title, variantUTF8: nil, customerIDUTF8: customerID) }
                variant.withContiguousUTF8 { add(titleUTF8: title, variantUTF8: $0, customerIDUTF8: customerID) }
            }
        }
    }

    /// Notes the item of the title and variant spelt by `titleUTF8` and `variantUTF8` (`nil`: none) as bought by
    /// the customer whose id `customerIDUTF8` spells, as ``add(title:variant:customerID:)`` does, without a
    /// `String` made of any of them but for a line or a customer not seen before.
    public mutating func add(
        titleUTF8: UnsafeBufferPointer<UInt8>, variantUTF8: UnsafeBufferPointer<UInt8>?, customerIDUTF8: UnsafeBufferPointer<UInt8>
    ) {
        let item = item(titleUTF8: titleUTF8, variantUTF8: variantUTF8)
        let customer = customers.number(ofUTF8: customerIDUTF8) ?? customers.insert(String(decoding: customerIDUTF8, as: UTF8.self))
        if customer == itemsOfCustomer.count { itemsOfCustomer.append(ItemSet()) }
        itemsOfCustomer[customer].insert(item)
    }

    /// The item of a line, numbered now when the line is new.
    private mutating func item(titleUTF8: UnsafeBufferPointer<UInt8>, variantUTF8: UnsafeBufferPointer<UInt8>?) -> Int {
        lineKey.removeAll(keepingCapacity: true)
        lineKey.append(contentsOf: titleUTF8)
        if let variantUTF8 {
            lineKey.append(0)
            lineKey.append(contentsOf: variantUTF8)
        }
        if let line = lineKey.withUnsafeBufferPointer({ lines.number(ofUTF8: $0) }) { return itemOfLine[line] }
        let title = String(decoding: titleUTF8, as: UTF8.self)
        let item = index(of: LineItem.displayName(title: title, variant: variantUTF8.map { String(decoding: $0, as: UTF8.self) }))
        // Bytes that are not UTF-8 come back repaired, and may then spell a line numbered before.
        if lines.insert(String(decoding: lineKey, as: UTF8.self)) == itemOfLine.count { itemOfLine.append(item) }
        return item
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
        // Each pair counted once, under one key (`first * items.count + second`, `first < second`): a dictionary of
        // dictionaries, both ways round, hashed four times as often (0.7 s of a million customers' count).
        var pairCounts: [Int: Int] = [:]
        for bought in itemsOfCustomer {
            for item in bought { buyers[item] += 1 }
            guard bought.count > 1 else { continue }
            for first in bought {
                for second in bought where second > first { pairCounts[first * items.count + second, default: 0] += 1 }
            }
        }
        var together = [[(other: Int, count: Int)]](repeating: [], count: items.count)
        for (pair, count) in pairCounts {
            let (first, second) = pair.quotientAndRemainder(dividingBy: items.count)
            together[first].append((second, count))
            together[second].append((first, count))
        }
        var companions: [String: [ItemCompanion]] = [:]
        for (item, pairs) in together.enumerated() where !pairs.isEmpty {
            let scored = pairs.map { other, count in
                ItemCompanion(item: items[other], score: Double(count) / (Double(buyers[item]) * Double(buyers[other])).squareRoot())
            }
            companions[items[item]] = Array(scored.sorted { ($0.score, $1.item) > ($1.score, $0.item) }.prefix(companionsPerItem))
        }
        let popular = items.indices.sorted { (buyers[$0], items[$1]) > (buyers[$1], items[$0]) }.map { items[$0] }
        return ItemAffinities(companions: companions, popular: popular)
    }
}
