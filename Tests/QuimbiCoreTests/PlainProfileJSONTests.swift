import Foundation
import Testing
import QuimbiCore

/// ``PlainProfileJSON`` reads a cached profile exactly as ``QuimbiJSON/makeDecoder()`` decodes it, and leaves
/// every other shape to it.
@Suite struct PlainProfileJSONTests {
    private static func read(_ text: String) -> CustomerProfile? {
        var text = text
        return text.withUTF8 { PlainProfileJSON.profile($0) }
    }

    private static func foundation(_ text: String) -> CustomerProfile? {
        try? QuimbiJSON.makeDecoder().decode(CustomerProfile.self, from: Data(text.utf8))
    }

    static func randomProfile(_ random: inout SplitMix64) -> CustomerProfile {
        func model(_ random: inout SplitMix64) -> Double? { random.next(below: 3) == 0 ? nil : random.unit() * 10 }
        let first = Date(timeIntervalSince1970: Double(1_500_000_000_000 + random.next(below: 200_000_000_000)) / 1_000)
        return CustomerProfile(
            customerID: TicketText.randomText(&random), archetypeID: "arch_\(random.next(below: 1_000_000))",
            lifetimeValue: random.unit() * 5_000, totalOrders: random.next(below: 400), avgOrderValue: random.unit() * 300,
            firstPurchaseAt: first, lastPurchaseAt: first.addingTimeInterval(Double(random.next(below: 100_000_000))),
            churnRiskScore: random.unit(), pAlive: model(&random), expectedPurchases90d: model(&random),
            predictedValue365d: model(&random))
    }

    /// As the cache writes it, or written by hand: members shuffled and spaced, absent model outputs
    /// sometimes written as `null`.
    static func text(_ profile: CustomerProfile, _ random: inout SplitMix64) throws -> String {
        let encoder = QuimbiJSON.makeEncoder()
        guard random.next(below: 2) == 0 else { return String(decoding: try encoder.encode(profile), as: UTF8.self) }
        func string(_ text: String) throws -> String { String(decoding: try encoder.encode(text), as: UTF8.self) }
        var members = [
            ("customer_id", try string(profile.customerID)), ("archetype_id", try string(profile.archetypeID)),
            ("lifetime_value", "\(profile.lifetimeValue)"), ("total_orders", "\(profile.totalOrders)"),
            ("avg_order_value", "\(profile.avgOrderValue)"), ("first_purchase_at", try string(RFC3339.string(from: profile.firstPurchaseAt))),
            ("last_purchase_at", try string(RFC3339.string(from: profile.lastPurchaseAt))), ("churn_risk_score", "\(profile.churnRiskScore)"),
        ]
        let outputs = [("p_alive", profile.pAlive), ("expected_purchases_90d", profile.expectedPurchases90d),
                       ("predicted_value_365d", profile.predictedValue365d)]
        for (key, value) in outputs where value != nil || random.next(below: 2) == 0 {
            members.append((key, value.map { "\($0)" } ?? "null"))
        }
        for index in members.indices.dropLast() { members.swapAt(index, index + random.next(below: members.count - index)) }
        return "{ " + members.map { "\"\($0.0)\" : \($0.1)" }.joined(separator: ",\n ") + " }"
    }

    @Test func readsGeneratedProfilesAsTheDecoderDoes() throws {
        var random = SplitMix64(state: 53)
        for round in 0..<1_000 {
            let text = try Self.text(Self.randomProfile(&random), &random)
            let read = Self.read(text)
            #expect(read != nil, "round \(round): \(text)")
            #expect(read == Self.foundation(text), "round \(round): \(text)")
        }
    }

    @Test(arguments: [
        #"{"customer_id": "1", "archetype_id": "a", "lifetime_value": 1, "total_orders": 1, "avg_order_value": 1, "first_purchase_at": "2026-01-01T00:00:00Z", "last_purchase_at": "2026-01-01T00:00:00Z"}"#,
        #"{"customer_id": "1", "customer_id": "2", "archetype_id": "a", "lifetime_value": 1, "total_orders": 1, "avg_order_value": 1, "first_purchase_at": "2026-01-01T00:00:00Z", "last_purchase_at": "2026-01-01T00:00:00Z", "churn_risk_score": 0.5}"#,
        #"{"customer_id": "1", "archetype_id": "a", "lifetime_value": 1, "total_orders": 1.5, "avg_order_value": 1, "first_purchase_at": "2026-01-01T00:00:00Z", "last_purchase_at": "2026-01-01T00:00:00Z", "churn_risk_score": 0.5}"#,
        #"{"customer_id": "1", "archetype_id": "a", "lifetime_value": 1, "total_orders": 1, "avg_order_value": 1, "first_purchase_at": "yesterday", "last_purchase_at": "2026-01-01T00:00:00Z", "churn_risk_score": 0.5}"#,
        #"{"customer_id": "1", "archetype_id": "a", "lifetime_value": "1", "total_orders": 1, "avg_order_value": 1, "first_purchase_at": "2026-01-01T00:00:00Z", "last_purchase_at": "2026-01-01T00:00:00Z", "churn_risk_score": 0.5}"#,
        #"{"customer_id": "1", "archetype_id": "a", "lifetime_value": 1, "total_orders": 1, "avg_order_value": 1, "first_purchase_at": "2026-01-01T00:00:00Z", "last_purchase_at": "2026-01-01T00:00:00Z", "churn_risk_score": 0.5, "segment": "x"}"#,
        #"{"customer_id": null, "archetype_id": "a", "lifetime_value": 1, "total_orders": 1, "avg_order_value": 1, "first_purchase_at": "2026-01-01T00:00:00Z", "last_purchase_at": "2026-01-01T00:00:00Z", "churn_risk_score": 0.5}"#,
        #"[]"#, "",
    ])
    func leavesEveryOtherShapeToTheDecoder(text: String) {
        #expect(Self.read(text) == nil)
    }

    /// Damaged cache entries: whatever the reader still reads, the decoder decodes to the same profile.
    @Test func neverReadsWhatTheDecoderWouldRefuseOrReadOtherwise() throws {
        var random = SplitMix64(state: 59)
        let alphabet = Array(#"{}[],:" \ nu0.e-+1TZ"#.utf8)
        var read = 0
        for round in 0..<3_000 {
            guard let text = Damage.applied(to: try Self.text(Self.randomProfile(&random), &random), alphabet: alphabet, &random),
                  let profile = Self.read(text) else { continue }
            read += 1
            #expect(Self.foundation(text) == profile, "round \(round): \(text)")
        }
        #expect(read > 0, "some damage leaves a text the reader still reads (a changed digit in a value)")
    }
}
