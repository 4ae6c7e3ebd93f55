import Testing
@testable import QuimbiSegmentation

/// A customer's items, in the word or past it, each once.
struct ItemSetTests {
    @Test func holdsEachItemOnceInTheWordAndPastIt() {
        var set = ItemSet()
        #expect(set.count == 0 && Array(set).isEmpty)
        for item in [3, 0, 63, 3, 64, 200, 64, 0] { set.insert(item) }
        #expect(set.count == 5)
        #expect(Array(set).prefix(3) == [0, 3, 63])
        #expect(Set(set) == [0, 3, 63, 64, 200])
    }
}
