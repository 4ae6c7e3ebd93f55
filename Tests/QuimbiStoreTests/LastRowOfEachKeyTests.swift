import Testing
@testable import QuimbiStore

/// ``BatchUpsert`` sends one row per key, the last one given (a repeated key would make the merge's
/// `ON CONFLICT DO UPDATE` affect a row twice, which PostgreSQL refuses).
@Suite struct LastRowOfEachKeyTests {
    @Test func eachKeyKeepsItsLastRowAndNilIsAKeyOfItsOwn() {
        let keys: [String?] = ["a", "b", nil, "a", "c", "b", nil, "é", "e\u{301}"]
        let kept = BatchUpsert.lastIndexOfEachKey(keys.indices, key: { keys[$0] })
        // "é" and "e" with a combining accent are other bytes, as they are other keys to PostgreSQL's text.
        #expect(kept.sorted() == [3, 4, 5, 6, 7, 8])
    }

    @Test func aMillionDistinctKeysAreAllKept() {
        let kept = BatchUpsert.lastIndexOfEachKey(0..<1_000_000, key: { String($0) })
        #expect(kept.count == 1_000_000)
        #expect(Set(kept).count == 1_000_000)
    }
}
