import Testing
@testable import QuimbiCore

/// ``NumberedSpellings`` numbers strings in the order first inserted and finds them by their bytes: checked
/// against a `Dictionary` doing the same numbering, over thousands of strings of every length around the
/// hash's eight-byte steps, ASCII and not, looked up by `String` and by bytes, across every growth.
@Suite struct NumberedSpellingsTests {
    static let alphabet = ["a", "b", "e", "z", "é", "—", "🧵", " ", "1"]

    static func randomString(_ random: inout SplitMix64) -> String {
        (0..<random.next(below: 20)).map { _ in alphabet[random.next(below: alphabet.count)] }.joined()
    }

    @Test func numbersAsADictionaryNumbersThem() {
        var random = SplitMix64(state: 11)
        var spellings = NumberedSpellings()
        var reference: [String: Int] = [:]
        for _ in 0..<5_000 {
            let string = Self.randomString(&random)
            let expected = reference[string] ?? reference.count
            reference[string] = expected
            #expect(spellings.insert(string) == expected)
        }
        #expect(spellings.count == reference.count)
        for _ in 0..<5_000 {
            let probe = Self.randomString(&random)
            var bytes = probe
            let byBytes = bytes.withUTF8 { spellings.number(ofUTF8: $0) }
            #expect(spellings.number(of: probe) == reference[probe], "\(probe)")
            #expect(byBytes == reference[probe], "\(probe)")
        }
        for (string, number) in reference { #expect(spellings.spellings[number] == string) }
    }

    @Test func theEmptyStringAndRepeatsKeepOneNumber() {
        let spellings = NumberedSpellings(["", "x", "", "x", "y"])
        #expect(spellings.spellings == ["", "x", "y"])
        #expect(spellings.number(of: "") == 0)
        #expect(spellings.number(of: "y") == 2)
        #expect(spellings.number(of: "z") == nil)
    }

    /// Bytes, not canonical equivalence: `é` precomposed and `e` with a combining acute are two strings, where
    /// `String` calls them equal. Callers that must not tell them apart look a miss up again (``ItemAffinities``).
    @Test func canonicallyEquivalentSpellingsAreDistinct() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        let spellings = NumberedSpellings([composed])
        #expect(spellings.number(of: composed) == 0)
        #expect(spellings.number(of: decomposed) == nil)
    }
}
