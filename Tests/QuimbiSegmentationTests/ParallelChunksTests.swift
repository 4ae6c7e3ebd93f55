import Testing
@testable import QuimbiSegmentation

/// Work split into ranges comes back whole and in order.
struct ParallelChunksTests {
    @Test(arguments: [0, 1, 19_999, 20_000, 100_003])
    func theRangesCoverTheInputInOrder(count: Int) {
        let ranges = ParallelChunks.map(count: count) { $0 }
        #expect(ranges.flatMap { Array($0) } == Array(0..<count))
        #expect(count < ParallelChunks.parallelThreshold ? ranges.count == 1 : ranges.count > 1, "only a large input is split")
    }

    @Test(arguments: [0, 7, 50_001])
    func theElementsAreInTheirPlaces(count: Int) {
        let elements = ParallelChunks.elements(count: count) { ["item \($0)", String(repeating: "x", count: $0 % 40)] }
        #expect(elements.count == count)
        #expect(elements.enumerated().allSatisfy { $0.element == ["item \($0.offset)", String(repeating: "x", count: $0.offset % 40)] })
    }

    @Test func theSumIsTheSumOfEveryRange() {
        let sum = ParallelChunks.sum(count: 50_000) { range in range.reduce(0) { $0 + $1 } }
        #expect(sum == 49_999 * 50_000 / 2)
    }
}
