import Foundation
import QuimbiCore
import Testing

/// An item is named by its title and variant; a title that already carries " — " gets its variant in brackets.
struct DisplayNameTests {
    @Test func aTitleWithTheDashGetsItsVariantInBrackets() {
        #expect(LineItem.displayName(title: "Cotton thread — cream", variant: "500 m spool") == "Cotton thread — cream (500 m spool)")
        #expect(LineItem.displayName(title: "Cotton Thread 50wt", variant: "Cream") == "Cotton Thread 50wt — Cream")
        #expect(LineItem.displayName(title: "Cotton Thread 50wt", variant: nil) == "Cotton Thread 50wt")
        #expect(LineItem.displayName(title: "Cotton Thread 50wt", variant: "") == "Cotton Thread 50wt")
    }

    /// The byte search agrees with Foundation's `contains(" — ")` on every string of up to five pieces of
    /// spaces, em and en dashes, hyphens and letters.
    @Test func theDashIsFoundWhereFoundationFindsIt() {
        let pieces = [" ", "—", "–", "-", "a", "é", "  "]
        var titles = [""]
        for _ in 0..<5 { titles = titles + titles.flatMap { title in pieces.map { title + $0 } } }
        for title in Set(titles) {
            let expected = title.contains(" — ")
            #expect(LineItem.displayName(title: title, variant: "v") == (expected ? "\(title) (v)" : "\(title) — v"), "\(Array(title.unicodeScalars))")
        }
    }
}
