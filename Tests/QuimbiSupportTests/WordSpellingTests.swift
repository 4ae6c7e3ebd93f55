@testable import QuimbiSupport
import Testing

/// The reading finds a ticket's words by their bytes (``NumberedSpellings``) in the typo corrector, the phrase
/// trie and the language detector, where it used `String` equality. The two agree because every word those
/// tables hold is ASCII (the tokenizer folds accents, and the lists are written folded): an ASCII word is
/// canonically equivalent to itself alone among the tokenizer's words. A word added with an accent, or in
/// another script, would fail here before it could be missed.
@Suite struct WordSpellingTests {
    @Test func everyWordTheReadingLooksUpIsASCII() {
        let words = CueIndex.shared.trie.vocabulary.union(LanguageDetector.allFunctionWords).union(CommonWords.english)
        let notASCII = words.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(notASCII.isEmpty, "\(notASCII.sorted())")
        #expect(words.count > 500)
    }
}
