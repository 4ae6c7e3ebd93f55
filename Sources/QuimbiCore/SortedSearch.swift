extension RandomAccessCollection {
    /// The first index whose element is not `precedes`-before the sought one, in a collection sorted so
    /// that `precedes` holds for a prefix of it (binary search; `endIndex` when it holds for every element).
    ///
    /// Inlinable, so that it is specialized where it is called: generic across modules, each probe went
    /// through the collection's witness table and copied the element.
    @inlinable
    public func firstIndex(notPreceding precedes: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if precedes(self[middle]) {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
