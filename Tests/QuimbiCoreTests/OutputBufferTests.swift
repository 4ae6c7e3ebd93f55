import Testing
@testable import QuimbiCore

/// ``OutputBuffer`` owns its memory and grows it as it is written: text appended in pieces of every kind
/// (inline small strings, long and non-ASCII ones, substrings, literals, joined lists, bytes written in
/// place) must read back as the same text joined by `String`, whatever the starting capacity.
@Suite struct OutputBufferTests {
    static let pieces = ["", "a", "- ", "Cotton thread — gold", "×", "🧵", String(repeating: "long text ", count: 40), "\n"]

    @Test func textAppendedInPiecesReadsBackAsTheSameText() {
        var random = SplitMix64(state: 37)
        for capacity in [0, 1, 16, 4_096] {
            var buffer = OutputBuffer(capacity: capacity)
            var expected = ""
            for _ in 0..<500 {
                let piece = Self.pieces[random.next(below: Self.pieces.count)]
                switch random.next(below: 5) {
                case 0:
                    buffer.append(piece)
                    expected += piece
                case 1:
                    buffer.append(piece.dropFirst())
                    expected += piece.dropFirst()
                case 2:
                    buffer.append(joining: [piece, "b", piece], separator: "; ")
                    expected += [piece, "b", piece].joined(separator: "; ")
                case 3:
                    buffer.append(count: 3) { out in
                        out[0] = UInt8(ascii: "x")
                        out[1] = UInt8(ascii: "y")
                        out[2] = UInt8(ascii: "z")
                    }
                    expected += "xyz"
                default:
                    buffer.append(", ")
                    expected += ", "
                }
            }
            #expect(buffer.string == expected, "capacity \(capacity)")
            #expect(buffer.bytes == Array(expected.utf8), "capacity \(capacity)")
            #expect(buffer.count == expected.utf8.count)
            #expect(buffer.lastByte == expected.utf8.last)
        }
    }

    @Test func anEmptyBufferHasNoText() {
        let buffer = OutputBuffer(capacity: 0)
        #expect(buffer.string == "")
        #expect(buffer.bytes == [])
        #expect(buffer.lastByte == nil)
    }

    /// Bytes written in place count only as far as the writer says, whatever room it asked for.
    @Test func appendingAtMostCountsWhatWasWritten() {
        var buffer = OutputBuffer(capacity: 0)
        var expected: [UInt8] = []
        var random = SplitMix64(state: 5)
        for _ in 0..<300 {
            let room = random.next(below: 40)
            let written = random.next(below: room + 1)
            buffer.append(atMost: room) { out in
                for index in 0..<room { out[index] = UInt8(ascii: "r") }
                for index in 0..<written { out[index] = UInt8(ascii: "a") + UInt8(index % 26) }
                return written
            }
            expected += (0..<written).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        }
        #expect(buffer.bytes == expected)
    }

    /// A prompt built from a buffer holds the buffer's text, and reads back as the prompt made from that text.
    @Test func aPromptHoldsTheTextOfItsBuffer() {
        var user = OutputBuffer(capacity: 0)
        for piece in Self.pieces { user.append(piece) }
        let prompt = Prompt(system: "rules", user: user)
        #expect(prompt.user == Self.pieces.joined())
        #expect(prompt == Prompt(system: "rules", user: Self.pieces.joined()))
    }
}
