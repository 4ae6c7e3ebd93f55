import Foundation
@testable import QuimbiCore
import Testing

@Suite struct TicketDecoderTests {
    let decoder = TicketDecoder()
    let valid = #"{"event_id":"e1","ticket_id":"T-1","customer_id":"7415378247935","channel":"email","message":"Hello","created_at":"2026-11-25T06:57:10Z"}"#

    private func code(_ text: String) -> String? {
        do {
            _ = try decoder.decode(Array(text.utf8))
            return nil
        } catch {
            return error.code
        }
    }

    @Test func decodesAValidTicket() throws {
        let ticket = try decoder.decode(Array(valid.utf8))
        #expect(ticket.ticketID == "T-1" && ticket.channel == .email && ticket.customerID == "7415378247935")
        #expect(ticket.createdAt == RFC3339.date(from: "2026-11-25T06:57:10Z"))
    }

    @Test func acceptsNullOptionalFieldsAndUnknownFields() throws {
        let text = #"{"event_id":"e1","ticket_id":"T-1","customer_id":null,"customer_email":"a@b.c","channel":"chat","message":"Hi","created_at":"2026-11-25T06:57:10.123+01:00","tags":null,"extra":{"x":1}}"#
        let ticket = try decoder.decode(Array(text.utf8))
        #expect(ticket.customerID == nil && ticket.customerEmail == "a@b.c")
    }

    @Test(arguments: [
        ("{", "invalid_json"),
        ("[1]", "invalid_json"),
        ("\"text\"", "invalid_json"),
        (#"{"event_id":"e1","ticket_id":"T-1","customer_id":"1","channel":"email","created_at":"2026-11-25T06:57:10Z"}"#, "missing_field"),
        (#"{"event_id":"e1","ticket_id":7,"customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "invalid_field"),
        (#"{"event_id":"e1","ticket_id":"T","customer_id":"1","channel":"fax","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "invalid_field"),
        (#"{"event_id":"e1","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"yesterday"}"#, "invalid_field"),
        (#"{"event_id":"e1","ticket_id":"T","customer_id":"1","channel":"email","message":"","created_at":"2026-11-25T06:57:10Z"}"#, "field_out_of_bounds"),
        (#"{"event_id":"e1","ticket_id":"T","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "no_customer_reference"),
        (#"{"event_id":"e1","ticket_id":"T","customer_email":"nobody","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "invalid_field"),
        (#"{"event_id":"e1","ticket_id":"T","customer_id":"74\u0000","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "invalid_field"),
        (#"{"event_id":"e1","ticket_id":"T","customer_email":"jo@ex\u0000.com","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "invalid_field"),
        (#"{"event_id":"e1\r","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#, "invalid_field"),
    ])
    func rejectsBadEventsWithStableCodes(text: String, expected: String) {
        #expect(code(text) == expected)
    }

    @Test func aControlCharacterInAnIdentifierIsNamed() throws {
        let text = #"{"event_id":"e1","ticket_id":"T","customer_id":"74\u0000","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#
        do {
            _ = try TicketDecoder().decode(Array(text.utf8))
            Issue.record("a NUL in customer_id was accepted")
        } catch {
            #expect(error.message == "field customer_id contains the control character U+0000")
        }
        // Letters of any script are not control characters.
        let cyrillic = #"{"event_id":"e1","ticket_id":"T","customer_id":"клиент-7","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#
        #expect(code(cyrillic) == nil)
    }

    @Test func theControlCharactersAreExactlyUnicodesCategoryCc() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TicketDecoder.isControl(scalar) != (scalar.properties.generalCategory == .control) {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)) is read wrongly")
            }
        }
    }

    @Test func rejectsOversizedAndNonUTF8Payloads() {
        let huge = Array(repeating: UInt8(ascii: " "), count: TicketLimits.maxEventBytes + 1)
        #expect(throws: TicketRejection(.payloadTooLarge, "event is \(huge.count) bytes, limit \(TicketLimits.maxEventBytes)")) {
            try decoder.decode(huge)
        }
        #expect {
            try decoder.decode([0x7b, 0xff, 0x7d])
        } throws: { ($0 as? TicketRejection)?.reason == .invalidUTF8 }
    }

    @Test func boundsCountUnicodeScalarsLikeJSONSchema() {
        let longest = String(repeating: "é", count: TicketLimits.maxMessageLength)
        let ok = valid.replacingOccurrences(of: "\"Hello\"", with: "\"\(longest)\"")
        #expect(code(ok) == nil)
        #expect(code(ok.replacingOccurrences(of: longest, with: longest + "é")) == "field_out_of_bounds")
    }

    /// The bounds are checked on the byte count first (a scalar is one to four bytes): texts whose bytes
    /// alone do not settle it must still be counted in scalars, at both ends.
    @Test func boundsAreScalarsWhateverTheBytesSuggest() {
        let ascii = String(repeating: "a", count: TicketLimits.maxMessageLength)
        let withASCII = valid.replacingOccurrences(of: "\"Hello\"", with: "\"\(ascii)\"")
        #expect(code(withASCII) == nil)
        #expect(code(withASCII.replacingOccurrences(of: ascii, with: ascii + "a")) == "field_out_of_bounds")
        let emoji = String(repeating: "🧵", count: TicketLimits.maxMessageLength)
        #expect(code(valid.replacingOccurrences(of: "\"Hello\"", with: "\"\(emoji)\"")) == nil)
        #expect(code(valid.replacingOccurrences(of: "\"Hello\"", with: "\"\(emoji)a\"")) == "field_out_of_bounds")
        // A language is at least two scalars: one two-byte scalar is too short, two are enough.
        let withLanguage = { (language: String) in valid.replacingOccurrences(of: "{", with: "{\"language\":\"\(language)\",", options: [], range: valid.range(of: "{")) }
        #expect(code(withLanguage("é")) == "field_out_of_bounds")
        #expect(code(withLanguage("éé")) == nil)
    }
}

@Suite struct ProfileSnapshotTests {
    @Test func computesDayCountsAtReadTime() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let profile = CustomerProfile(
            customerID: "7415378247935", archetypeID: "arch_776335", lifetimeValue: 179.42, totalOrders: 3,
            avgOrderValue: 59.81, firstPurchaseAt: now - 250 * 86_400, lastPurchaseAt: now - 230 * 86_400, churnRiskScore: 0.6)
        let today = profile.snapshot(asOf: now)
        #expect(today.daysSinceLastPurchase == 230 && today.customerTenureDays == 250)
        let nextWeek = profile.snapshot(asOf: now + 7 * 86_400)
        #expect(nextWeek.daysSinceLastPurchase == 237 && nextWeek.customerTenureDays == 257)
    }

    @Test func encodesTheSeedsEightFieldsWithTheirNames() throws {
        let now = Date()
        let profile = CustomerProfile(
            customerID: "7415378247935", archetypeID: "arch_776335", lifetimeValue: 179.42, totalOrders: 3,
            avgOrderValue: 59.81, firstPurchaseAt: now - 250 * 86_400, lastPurchaseAt: now - 230 * 86_400, churnRiskScore: 0.6)
        let object = try JSONSerialization.jsonObject(with: QuimbiJSON.makeEncoder().encode(profile.snapshot(asOf: now))) as? [String: Any]
        for field in ["customer_id", "archetype_id", "lifetime_value", "total_orders", "avg_order_value", "days_since_last_purchase", "customer_tenure_days", "churn_risk_score"] {
            #expect(object?[field] != nil, "\(field)")
        }
        #expect(object?["total_orders"] as? Int == 3 && object?["customer_id"] as? String == "7415378247935")
    }
}
