import QuimbiCore
import Testing
@testable import QuimbiSupport

/// The escalation's excerpt of a message: the message's first 160 characters on one line. A short message
/// without line breaks is returned as it is; every message must read as the definition reads it.
@Suite struct EscalationExcerptTests {
    /// The definition: line breaks (every kind of newline character) joined as spaces, then cut to 160.
    static func reference(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 160 ? line : String(line.prefix(157)) + "…"
    }

    static let pieces = ["a", "word ", "é", "e\u{301}", "🧵", "—", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\n\u{301}", "_", "\u{84}"]

    @Test func readsAsTheDefinitionForMessagesOfEveryShape() {
        var random = SplitMix64(state: 41)
        var messages = ["", "Where is my order?", String(repeating: "x", count: 160), String(repeating: "x", count: 161),
                        String(repeating: "é", count: 80), String(repeating: "é", count: 81), String(repeating: "é", count: 161)]
        for _ in 0..<3_000 {
            messages.append((0..<random.next(below: 120)).map { _ in Self.pieces[random.next(below: Self.pieces.count)] }.joined())
        }
        for message in messages {
            #expect(EscalationSummary.excerpt(message) == Self.reference(message), "\(Array(message.unicodeScalars))")
        }
    }
}
