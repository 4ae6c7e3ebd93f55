import Foundation
import Testing
@testable import QuimbiCore

/// The streaming encoder writes what Foundation's encoder (``QuimbiJSON/makeEncoder()``) writes, up to
/// key order, and refuses what Foundation refuses.
@Suite struct StreamingJSONEncoderTests {
    enum Mood: String, Codable { case calm, angry }

    struct Inner: Codable, Equatable {
        var label: String
        var weights: [Double]
        var note: String?
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    struct Everything: Encodable {
        var text = "quote \" backslash \\ slash / tab \t newline \n bell \u{7} nul \u{0} é 日本 \u{2028} 🙂"
        var empty = ""
        var integers: [Int64] = [0, -1, 42, .max, .min]
        var unsigned: [UInt8] = [0, 255]
        var doubles: [Double] = [3.0, 0.1, -0.0, 1e20, 1e-7, 179.42, 1.2345678901234568e17, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        var float: Float = 0.1
        var flags = [true, false]
        var missing: Int? = nil
        var present: Int? = 7
        var date = Date(timeIntervalSince1970: 1_764_053_830.25)
        var optionalDate: Date? = Date(timeIntervalSince1970: 0)
        var data = Data([0, 1, 2, 250])
        var mood = Mood.angry
        var inner = Inner(label: "x", weights: [], note: nil)
        var inners = [Inner(label: "a", weights: [1, 2.5], note: "n"), Inner(label: "b", weights: [], note: nil)]
        var nested: [[String]] = [[], ["a"], ["b", "c"]]
        var dictionary = ["b": 1, "a": 2]
        var nothing = Nothing()

        enum CodingKeys: String, CodingKey {
            case text, empty, integers, unsigned, doubles, float, flags, missing, present, date, data, mood, inner, inners, nested, dictionary, nothing
            case optionalDate = "optional_date"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(empty, forKey: .empty)
            try container.encode(integers, forKey: .integers)
            try container.encode(unsigned, forKey: .unsigned)
            try container.encode(doubles, forKey: .doubles)
            try container.encode(float, forKey: .float)
            try container.encode(flags, forKey: .flags)
            try container.encode(missing, forKey: .missing)
            try container.encodeIfPresent(missing, forKey: .present)
            try container.encodeIfPresent(present, forKey: .present)
            try container.encode(date, forKey: .date)
            try container.encode(optionalDate, forKey: .optionalDate)
            try container.encode(data, forKey: .data)
            try container.encode(mood, forKey: .mood)
            var innerContainer = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .inner)
            try innerContainer.encode(inner.label, forKey: .text)
            try container.encode(inners, forKey: .inners)
            var nestedContainer = container.nestedUnkeyedContainer(forKey: .nested)
            for list in nested { try nestedContainer.encode(list) }
            try container.encode(dictionary, forKey: .dictionary)
            try container.encode(nothing, forKey: .nothing)
        }
    }

    private func parsed(_ bytes: some Sequence<UInt8>) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test func writesWhatFoundationWritesUpToKeyOrder() throws {
        let value = Everything()
        let streamed = try StreamingJSONEncoder().encode(value)
        let foundation = try QuimbiJSON.makeEncoder().encode(value)
        #expect(try parsed(streamed) == parsed(foundation))
        let text = String(decoding: streamed, as: UTF8.self)
        #expect(text.hasPrefix(#"{"text":"quote \" backslash \\ slash / tab \t newline \n bell \u0007 nul \u0000 é"#))
        #expect(text.contains(#""doubles":[3,0.1,-0,1e+20,1e-07,179.42,"#))
        #expect(text.contains(#""missing":null,"present":7,"#))
        #expect(text.contains(#""nothing":{}}"#))
    }

    @Test func topLevelValuesOfEveryShape() throws {
        for value in [[1, 2], [], [3]] as [[Int]] {
            #expect(try parsed(StreamingJSONEncoder().encode(value)) == parsed(QuimbiJSON.makeEncoder().encode(value)))
        }
        #expect(String(decoding: try StreamingJSONEncoder().encode("a\"b"), as: UTF8.self) == #""a\"b""#)
        #expect(String(decoding: try StreamingJSONEncoder().encode(Optional<Int>.none), as: UTF8.self) == "null")
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(Nothing()) }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbersAreRefusedLikeFoundation(number: Double) {
        let value = Inner(label: "x", weights: [1, number], note: nil)
        #expect(throws: EncodingError.self) { try QuimbiJSON.makeEncoder().encode(value) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(value) }
    }

    /// A container written to after its parent went on cannot be streamed: it throws instead of
    /// producing broken JSON.
    @Test func aContainerUsedAfterItsParentWentOnThrows() {
        struct OutOfOrder: Encodable {
            enum Keys: String, CodingKey { case first, second, late }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var first = container.nestedContainer(keyedBy: Keys.self, forKey: .first)
                try container.encode(1, forKey: .second)
                try first.encode(2, forKey: .late)
            }
        }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(OutOfOrder()) }
    }

    @Test func aSuperEncoderWritesItsMemberAndAnUnusedOneIsEmpty() throws {
        struct WithSuper: Encodable {
            enum Keys: String, CodingKey { case own, unused }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("mine", forKey: .own)
                try Inner(label: "base", weights: [1], note: nil).encode(to: container.superEncoder())
                _ = container.superEncoder(forKey: .unused)
            }
        }
        let object = try #require(try parsed(StreamingJSONEncoder().encode(WithSuper())) as? [String: Any])
        #expect(object["own"] as? String == "mine")
        #expect((object["super"] as? [String: Any])?["label"] as? String == "base")
        #expect((object["unused"] as? [String: Any])?.isEmpty == true)
    }
}
