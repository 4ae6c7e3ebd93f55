/// The items one customer bought, by number: the first 64 as bits of one word, any further ones in a set.
/// A store sells a few dozen items, so a million customers' sets take no allocation each (a `Set` each
/// took a million allocations and the most time of counting a million customers' co-purchases).
struct ItemSet: Sequence, Sendable {
    private var low: UInt64 = 0
    private var high: Set<Int> = []

    /// Adds `item` (0 or more) when it is not in the set yet.
    mutating func insert(_ item: Int) {
        if item < UInt64.bitWidth {
            low |= 1 << UInt64(item)
        } else {
            high.insert(item)
        }
    }

    /// How many items the set holds.
    var count: Int { low.nonzeroBitCount + high.count }

    func makeIterator() -> Iterator {
        Iterator(low: low, high: high.makeIterator())
    }

    /// The items of the word in increasing order, then the others in the set's order.
    struct Iterator: IteratorProtocol {
        var low: UInt64
        var high: Set<Int>.Iterator

        mutating func next() -> Int? {
            guard low != 0 else { return high.next() }
            let item = low.trailingZeroBitCount
            low &= low - 1
            return item
        }
    }
}
