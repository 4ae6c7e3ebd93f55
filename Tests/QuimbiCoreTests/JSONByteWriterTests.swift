import Foundation
import Testing
@testable import QuimbiCore

/// ``JSONByteWriter/writeString(_:)`` scans eight bytes at a time: every byte that needs escaping must be
/// found wherever it falls in a word, the bytes must be those Foundation's encoder writes, and the text
/// read back must be the text written.
@Suite struct JSONByteWriterTests {
    /// Foundation's encoder as the project configures it (slashes unescaped): the reference.
    static var foundation: JSONEncoder { QuimbiJSON.makeEncoder() }

    /// Bytes that need escaping, bytes next to them in value (which must not be escaped) and non-ASCII.
    static let pieces = ["a", "\"", "\\", "\u{0}", "\u{1}", "\n", "\u{1F}", " ", "!", "#", "[", "]", "/", "é", "—", "🧵", "\u{7F}"]

    @Test func everyByteThatNeedsEscapingIsEscapedWhereverItFallsInAWord() throws {
        var random = SplitMix64(state: 23)
        for round in 0..<3_000 {
            let text = (0..<random.next(below: 40)).map { _ in Self.pieces[random.next(below: Self.pieces.count)] }.joined()
            var writer = JSONByteWriter(capacity: 0)
            writer.writeString(text)
            #expect(writer.bytes == Array(try Self.foundation.encode(text)), "round \(round): \(Array(text.unicodeScalars))")
            #expect(try JSONDecoder().decode(String.self, from: Data(writer.bytes)) == text, "round \(round)")
        }
    }

    @Test func aSpecialByteAtEachOffsetOfALongTextIsEscaped() throws {
        for special in ["\"", "\\", "\u{1}", "\u{1F}"] {
            for offset in 0..<24 {
                let text = String(repeating: "x", count: offset) + special + String(repeating: "y", count: 23 - offset)
                var writer = JSONByteWriter(capacity: 0)
                writer.writeString(text)
                #expect(writer.bytes == Array(try Self.foundation.encode(text)), "\(Array(special.unicodeScalars)) at \(offset)")
            }
        }
    }
}
