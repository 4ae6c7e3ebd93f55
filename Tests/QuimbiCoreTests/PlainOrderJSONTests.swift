import Foundation
import Testing
import QuimbiCore

/// ``PlainOrderJSON`` reads line items and shipments exactly as `JSONDecoder` decodes them, and leaves
/// every other shape to it.
@Suite struct PlainOrderJSONTests {
    private static func lineItems(_ text: String) -> [LineItem]? {
        var text = text
        return text.withUTF8 { PlainOrderJSON.lineItems($0) }
    }

    private static func tracking(_ text: String) -> [Tracking]? {
        var text = text
        return text.withUTF8 { PlainOrderJSON.tracking($0) }
    }

    private static func foundation<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test func readsGeneratedLineItemsAsJSONDecoderDoes() {
        var random = SplitMix64(state: 41)
        for round in 0..<800 {
            let items = (0..<random.next(below: 5)).map { _ in OrderText.randomLineItem(&random) }
            let text = OrderText.lineItems(items, &random)
            let read = Self.lineItems(text)
            #expect(read != nil, "round \(round): \(text)")
            #expect(read == Self.foundation([LineItem].self, text), "round \(round): \(text)")
        }
    }

    @Test func readsGeneratedShipmentsAsJSONDecoderDoes() {
        var random = SplitMix64(state: 43)
        for round in 0..<800 {
            let shipments = (0..<random.next(below: 4)).map { _ in
                Tracking(company: OrderText.maybe(&random), number: OrderText.maybe(&random), url: OrderText.maybe(&random))
            }
            let text = OrderText.tracking(shipments, &random)
            let read = Self.tracking(text)
            #expect(read != nil, "round \(round): \(text)")
            #expect(read == Self.foundation([Tracking].self, text), "round \(round): \(text)")
        }
    }

    @Test(arguments: [
        #"{"title": "A", "quantity": 1, "unit_price": 2}"#,                              // not an array
        #"[{"title": "A", "quantity": 1, "unit_price": 2, "title": "B"}]"#,              // a key twice
        #"[{"title": "A", "quantity": 1, "unit_price": 2, "colour": "red"}]"#,           // a key of another shape
        #"[{"title": "A", "quantity": 1.0, "unit_price": 2}]"#,                          // an integer with a fraction
        #"[{"title": "A", "quantity": 1e2, "unit_price": 2}]"#,                          // an integer with an exponent
        #"[{"title": "A", "quantity": "1", "unit_price": 2}]"#,                          // a number as a string
        #"[{"title": "A", "quantity": 01, "unit_price": 2}]"#,                           // a leading zero
        #"[{"title": "A", "quantity": 99999999999999999999, "unit_price": 2}]"#,         // past Int
        #"[{"title": "A", "quantity": 1, "unit_price": 1e400}]"#,                        // past Double
        #"[{"title": "A", "quantity": 1, "unit_price": .5}]"#,                           // not a JSON number
        #"[{"title": "A", "quantity": 1, "unit_price": 2.}]"#,                           // not a JSON number
        #"[{"title": "A", "quantity": 1, "unit_price": -}]"#,                            // not a JSON number
        #"[{"title": null, "quantity": 1, "unit_price": 2}]"#,                           // a required member null
        #"[{"quantity": 1, "unit_price": 2}]"#,                                          // a required member absent
        #"[{"ti\u0074le": "A", "quantity": 1, "unit_price": 2}]"#,                       // an escaped key
        #"[{"title": "A", "quantity": 1, "unit_price": 2}] x"#,                          // bytes after the array
        #"[{"title": "A", "quantity": 1, "unit_price": 2},]"#,                           // a trailing comma
        #"[{"title": "A", "quantity": 1, "unit_price": 2, "sku": 7}]"#,                  // an optional member of another type
        #"[{"title": "A", "quantity": 9223372036854775808, "unit_price": 2}]"#,          // one past Int.max
        #"[{"title": "A", "quantity": -9223372036854775809, "unit_price": 2}]"#,         // one past Int.min
        #"[{"titles": "A", "quantity": 1, "unit_price": 2}]"#,                           // a key one letter longer
        #"[{"titl": "A", "quantity": 1, "unit_price": 2}]"#,                             // a key one letter shorter
        #"[{"tïtle": "A", "quantity": 1, "unit_price": 2}]"#,                            // a key of another letter
    ])
    func leavesEveryOtherLineItemShapeToJSONDecoder(text: String) {
        #expect(Self.lineItems(text) == nil)
    }

    @Test(arguments: [
        #"[{"company": "UPS", "company": "DHL"}]"#, #"[{"carrier": "UPS"}]"#, #"[{"number": 12}]"#, #"[{}, ]"#, "null",
    ])
    func leavesEveryOtherShipmentShapeToJSONDecoder(text: String) {
        #expect(Self.tracking(text) == nil)
    }

    /// Quantities are read digit by digit: the whole range of `Int`, as `JSONDecoder` reads them.
    @Test(arguments: ["0", "-0", "7", "-7", "1200", "9223372036854775807", "-9223372036854775808"])
    func readsIntegersAsJSONDecoderDoes(quantity: String) {
        let text = #"[{"title": "A", "quantity": "# + quantity + #", "unit_price": 2}]"#
        let read = Self.lineItems(text)
        #expect(read?.first?.quantity == Int(quantity))
        #expect(read == Self.foundation([LineItem].self, text))
    }

    /// Damaged plain texts: whatever the reader still reads, `JSONDecoder` decodes to the same value.
    @Test func neverReadsWhatJSONDecoderWouldRefuseOrReadOtherwise() {
        var random = SplitMix64(state: 47)
        let alphabet = Array(#"{}[],:" \ nu0.e-+1"#.utf8)
        var read = 0
        for round in 0..<3_000 {
            let items = (0..<1 + random.next(below: 3)).map { _ in OrderText.randomLineItem(&random) }
            guard let text = Damage.applied(to: OrderText.lineItems(items, &random), alphabet: alphabet, &random),
                  let items = Self.lineItems(text) else { continue }
            read += 1
            #expect(Self.foundation([LineItem].self, text) == items, "round \(round): \(text)")
        }
        #expect(read > 0, "some damage leaves a text the reader still reads (a changed digit or letter in a value)")
    }
}

/// Line items and shipments written as PostgreSQL's `jsonb` and other writers write them.
enum OrderText {
    static func maybe(_ random: inout SplitMix64) -> String? {
        random.next(below: 2) == 0 ? nil : TicketText.randomText(&random)
    }

    static func randomLineItem(_ random: inout SplitMix64) -> LineItem {
        let prices: [Double] = [0, 40.3, 8.08, 0.1, 1e-7, 123_456.789, 2.5e10, Double(random.next(below: 1_000_000)) / 100]
        return LineItem(
            title: TicketText.randomText(&random), variant: maybe(&random), sku: maybe(&random),
            quantity: random.next(below: 3) == 0 ? -random.next(below: 1_000) : random.next(below: 1_000),
            unitPrice: random.next(below: 2) == 0 ? prices[random.next(below: prices.count)] : random.unit() * 1_000)
    }

    static func lineItems(_ items: [LineItem], _ random: inout SplitMix64) -> String {
        array(items.map { item in
            var members = [("title", string(item.title)), ("quantity", String(item.quantity)), ("unit_price", number(item.unitPrice, &random))]
            for (key, value) in [("variant", item.variant), ("sku", item.sku)] where value != nil || random.next(below: 2) == 0 {
                members.append((key, value.map(string) ?? "null"))
            }
            return members
        }, &random)
    }

    static func tracking(_ shipments: [Tracking], _ random: inout SplitMix64) -> String {
        array(shipments.map { shipment in
            [("company", shipment.company), ("number", shipment.number), ("url", shipment.url)]
                .filter { $0.1 != nil || random.next(below: 2) == 0 }
                .map { ($0.0, $0.1.map(string) ?? "null") }
        }, &random)
    }

    /// Objects with their members in a random order, and whitespace (as `jsonb` writes it, or none, or more).
    private static func array(_ objects: [[(String, String)]], _ random: inout SplitMix64) -> String {
        func space(_ random: inout SplitMix64) -> String { [" ", "", "\n\t"][random.next(below: 3)] }
        let written = objects.map { members in
            var members = members
            for index in members.indices.dropLast() { members.swapAt(index, index + random.next(below: members.count - index)) }
            return "{" + members.map { "\"\($0.0)\":" + space(&random) + $0.1 }.joined(separator: "," + space(&random)) + "}"
        }
        return "[" + written.joined(separator: "," + space(&random)) + "]"
    }

    private static func string(_ text: String) -> String {
        String(decoding: try! QuimbiJSON.makeEncoder().encode(text), as: UTF8.self)
    }

    /// The number as Swift prints it (`1e-07` for the smallest), with a trailing zero, or with an exponent.
    private static func number(_ value: Double, _ random: inout SplitMix64) -> String {
        let printed = "\(value)"
        guard !printed.contains("e") else { return printed }
        switch random.next(below: 3) {
        case 0: return printed
        case 1: return printed + "0"
        default:
            let scaled = "\(value / 100)"
            return value == 0 ? "0E+2" : scaled.contains("e") ? printed : scaled + "e2"
        }
    }
}
