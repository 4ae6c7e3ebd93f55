import Foundation
import Testing
@testable import QuimbiCore

/// ``JSONByteWriter/writeString(_:)`` scans eight bytes at a time: every byte that needs escaping must be
/// found wherever it falls in a word, the bytes must be those Foundation's encoder writes, and the text
/// read back must be the text written. Numbers of whole hundredths are written without their description:
/// they too must be written as Foundation's encoder writes them.
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

    @Test func numbersAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(state: 29)
        var values: [Double] = [0, -0.0, 0.01, -0.01, 0.05, 0.1, 0.005, 1, -1, 4.99, 12.5, 1e12, 1e12 - 0.01, -(1e12 - 0.01), 1e15, 0.1 + 0.2, .pi]
        for _ in 0..<20_000 {
            let magnitude = [100, 10_000, 1_000_000, 100_000_000_000_000, 1 << 53][random.next(below: 5)]
            let hundredths = Double(random.next(below: magnitude)) * (random.next(below: 2) == 0 ? 1 : -1)
            values.append(hundredths / 100)
            values.append(hundredths / 1_000)
            values.append(Double(bitPattern: UInt64(random.next(below: Int.max)) & 0x41EF_FFFF_FFFF_FFFF))
        }
        for value in values {
            var writer = JSONByteWriter(capacity: 0)
            try writer.writeFloatingPoint(value, at: "a value")
            #expect(writer.bytes == Array(try Self.foundation.encode(value)), "\(value)")
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

    @Test func integersAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(state: 31)
        var values: [Int] = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<10_000 {
            let magnitude = [10, 1_000, 1_000_000, Int.max][random.next(below: 4)]
            values.append(random.next(below: magnitude) * (random.next(below: 2) == 0 ? 1 : -1))
        }
        for value in values {
            var writer = JSONByteWriter(capacity: 0)
            writer.writeInteger(value)
            #expect(writer.bytes == Array(try Self.foundation.encode(value)), "\(value)")
        }
        for value in [UInt64.max, 0, 7] {
            var writer = JSONByteWriter(capacity: 0)
            writer.writeInteger(value)
            #expect(writer.bytes == Array(try Self.foundation.encode(value)), "\(value)")
        }
    }

    /// The writer grows its memory as it writes: what was written before each growth is kept.
    @Test func everythingWrittenIsKeptAcrossGrowths() throws {
        var writer = JSONByteWriter(capacity: 0)
        var expected: [UInt8] = []
        for round in 0..<2_000 {
            let text = String(repeating: "é\"x", count: round % 37)
            writer.writeString(text)
            writer.writeDate(Date(timeIntervalSince1970: Double(round) * 86_399.5))
            writer.writeInteger(round - 1_000)
            expected += Array(try Self.foundation.encode(text))
            expected += Array(try Self.foundation.encode(Date(timeIntervalSince1970: Double(round) * 86_399.5)))
            expected += Array(try Self.foundation.encode(round - 1_000))
        }
        #expect(writer.count == expected.count)
        #expect(writer.bytes == expected)
    }
}
