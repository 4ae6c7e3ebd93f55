import Foundation
import Testing
@testable import QuimbiCore

/// `quimbi segment --out`'s profile lines, written byte by byte, are the bytes `JSONEncoder` wrote for them.
struct ProfileLineJSONTests {
    /// The line as it was encoded before: the snapshot, the purchase dates and the type, keys sorted.
    struct EncodedLine: Encodable {
        let profile: CustomerProfile
        let asOf: Date
        enum Extra: String, CodingKey {
            case type
            case firstPurchaseAt = "first_purchase_at"
            case lastPurchaseAt = "last_purchase_at"
        }

        func encode(to encoder: any Encoder) throws {
            try profile.snapshot(asOf: asOf).encode(to: encoder)
            var container = encoder.container(keyedBy: Extra.self)
            try container.encode("profile", forKey: .type)
            try container.encode(profile.firstPurchaseAt, forKey: .firstPurchaseAt)
            try container.encode(profile.lastPurchaseAt, forKey: .lastPurchaseAt)
        }
    }

    static let asOf = Date(timeIntervalSince1970: 1_796_083_200)

    static func encoded(_ profile: CustomerProfile) throws -> [UInt8] {
        let encoder = QuimbiJSON.makeEncoder()
        encoder.outputFormatting.insert(.sortedKeys)
        return Array(try encoder.encode(EncodedLine(profile: profile, asOf: asOf)))
    }

    /// Profiles with numbers of every kind (cents, scores, arbitrary doubles, huge and tiny, negative zero),
    /// absent model outputs and ids that need escaping.
    static func profiles() -> [CustomerProfile] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        func number() -> Double {
            switch next() % 6 {
            case 0: Double(next() % 1_000_000) / 100
            case 1: Double(next() % 1_000) / 1_000
            case 2: Double(bitPattern: 0x3FF0_0000_0000_0000 | (next() & 0x000F_FFFF_FFFF_FFFF)) * Double(next() % 5_000)
            case 3: [1e15, 1e-7, 123_456_789_012.5, .leastNonzeroMagnitude][Int(next() % 4)]
            case 4: -0.0
            default: Double(next() % 100)
            }
        }
        let ids = ["c1", "7415378247935", "quote\"back\\slash", "tab\tnew\nline\u{1}", "café — ünïcödé", "a/b"]
        return (0..<3_000).map { index in
            let first = Date(timeIntervalSince1970: 1_600_000_000 + Double(next() % 100_000_000) + Double(next() % 1_000) / 1_000)
            return CustomerProfile(
                customerID: ids[index % ids.count] + String(index), archetypeID: "arch_\(next() % 1_000_000)",
                lifetimeValue: number(), totalOrders: Int(next() % 40), avgOrderValue: number(),
                firstPurchaseAt: first, lastPurchaseAt: first.addingTimeInterval(Double(next() % 50_000_000)),
                churnRiskScore: number(),
                pAlive: next() % 4 == 0 ? nil : number(),
                expectedPurchases90d: next() % 4 == 0 ? nil : number(),
                predictedValue365d: next() % 4 == 0 ? nil : number())
        }
    }

    @Test func everyLineIsTheBytesJSONEncoderWrote() throws {
        for profile in Self.profiles() {
            let written = try profile.segmentLineJSON(asOf: Self.asOf)
            let expected = try Self.encoded(profile)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) against \(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test func aNumberJSONCannotHoldIsRefused() {
        var profile = Self.profiles()[0]
        profile.lifetimeValue = .nan
        #expect(throws: EncodingError.self) { try profile.segmentLineJSON(asOf: Self.asOf) }
    }
}
