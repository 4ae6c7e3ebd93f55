import Foundation
import QuimbiCore
import Testing

/// ``Swift/String/withContiguousUTF8(_:)`` hands over the same bytes as `utf8` for every kind of string the
/// writers meet: empty, small (stored inline), long, non-ASCII, text bridged from `NSString`, repaired text.
@Suite struct ContiguousUTF8Tests {
    static let texts = [
        "", "a", "fifteen bytes..", "sixteen bytes...", "Cotton thread — gold ×2 🧵", String(repeating: "long text ", count: 50),
        String(NSString(string: "bridged — text")), String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self),
    ]

    @Test func theBytesAreTheStringsUTF8() {
        for text in Self.texts {
            #expect(text.withContiguousUTF8 { Array($0) } == Array(text.utf8), "\(text)")
        }
    }
}
