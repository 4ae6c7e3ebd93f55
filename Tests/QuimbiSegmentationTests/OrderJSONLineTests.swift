import Foundation
import QuimbiCore
@testable import QuimbiSegmentation
import Testing

/// The byte-level order decoder agrees with `JSONDecoder`, or leaves the line to it.
struct OrderJSONLineTests {
    static let decoder = QuimbiJSON.makeDecoder()

    static func fast(_ line: String) -> Order? {
        var line = line
        return line.withUTF8 { OrderJSONLine.order($0) }
    }

    static func foundation(_ line: String) -> Order? {
        try? decoder.decode(Order.self, from: Data(line.utf8))
    }

    @Test func generatedOrdersDecodeAsJSONDecoderDecodesThem() throws {
        let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!
        let encoder = QuimbiJSON.makeEncoder()
        for order in SampleStoreGenerator.generate(customerCount: 300, seed: 8, asOf: asOf).orders {
            let line = String(decoding: try encoder.encode(order), as: UTF8.self)
            let decoded = try #require(Self.fast(line), "\(line)")
            #expect(decoded == Self.foundation(line))
        }
    }

    static let base = #""id":"o1","customer_id":"c1","created_at":"2026-01-02T03:04:05.250Z","total":12.5,"currency":"USD","financial_status":"paid","fulfillment_status":"fulfilled""#

    /// Lines the fast decoder reads itself.
    static let plain = [
        "{\(base),\"line_items\":[],\"tracking\":[]}",
        " { \(base) , \"name\" : null , \"line_items\" : [ ] , \"tracking\" : [ { } ] } ",
        "{\(base),\"name\":\"#1\",\"extra\":{\"a\":[1,2.5e3,true,false,null,\"x\"]},\"line_items\":[{\"title\":\"Thread — red\",\"quantity\":2,\"unit_price\":6.25,\"sku\":null,\"note\":-0.5}],\"tracking\":[{\"company\":\"USPS\",\"url\":null}]}",
        "{\(base),\"line_items\":[{\"title\":\"a\",\"quantity\":-0,\"unit_price\":0}],\"tracking\":[]}",
        "{\(base),\"discount_total\":7.5,\"line_items\":[],\"tracking\":[]}",
        "{\(base),\"discount_total\":null,\"line_items\":[],\"tracking\":[]}",
    ]

    /// Lines it leaves to `JSONDecoder`, valid or not.
    static let tricky = [
        "{\(base),\"line_items\":[],\"tracking\":[],\"id\":\"o2\"}",
        "{\(base),\"name\":\"a\\\"b\",\"line_items\":[],\"tracking\":[]}",
        "{\(base),\"line_items\":[{\"title\":\"a\",\"quantity\":2.0,\"unit_price\":1}],\"tracking\":[]}",
        "{\(base),\"line_items\":[{\"title\":\"a\",\"quantity\":2.5,\"unit_price\":1}],\"tracking\":[]}",
        "{\(base),\"line_items\":null,\"tracking\":[]}",
        "{\(base),\"tracking\":[]}",
        "{\(base),\"line_items\":[],\"tracking\":[]} x",
        "{\(base),\"line_items\":[],\"tracking\":[],}",
        "{\(base),\"line_items\":[01],\"tracking\":[]}",
        "{\(base),\"total\":1e999,\"line_items\":[],\"tracking\":[]}",
        "{\(base),\"discount_total\":\"7.5\",\"line_items\":[],\"tracking\":[]}",
        "{\(base),\"discount_total\":1,\"discount_total\":2,\"line_items\":[],\"tracking\":[]}",
        "{\"id\":\"o1\",\"customer_id\":\"c1\",\"created_at\":\"yesterday\",\"total\":1,\"currency\":\"USD\",\"financial_status\":\"paid\",\"fulfillment_status\":\"fulfilled\",\"line_items\":[],\"tracking\":[]}",
        "{\"id\":5,\"customer_id\":\"c1\",\"created_at\":\"2026-01-02T03:04:05Z\",\"total\":1,\"currency\":\"USD\",\"financial_status\":\"paid\",\"fulfillment_status\":\"fulfilled\",\"line_items\":[],\"tracking\":[]}",
        "{\(base),\"line_items\":[],\"tracking\":[],\"bad\":tru}",
        "[1,2]",
        "{\(base),\"line_items\":[],\"tracking\":[],\"t\\u0069tle\":1}",
        "{\"id\":\"broken\"",
    ]

    @Test func plainLinesAreReadAsJSONDecoderReadsThem() throws {
        for line in Self.plain {
            let decoded = try #require(Self.fast(line), "\(line)")
            #expect(decoded == Self.foundation(line), "\(line)")
        }
    }

    @Test func anythingElseIsLeftToJSONDecoder() {
        for line in Self.tricky { #expect(Self.fast(line) == nil, "\(line)") }
    }
}
