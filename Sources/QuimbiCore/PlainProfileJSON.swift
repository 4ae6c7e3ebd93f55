import Foundation

/// Reads a customer profile as the store caches it in Redis (``QuimbiJSON/makeEncoder()``'s JSON) without
/// Foundation's `JSONDecoder`: on the PostgreSQL path nearly every ticket's profile comes from that cache.
///
/// "Plain" means one object holding only the profile's own keys (written without escapes, each once):
/// strings for the ids, RFC 3339 strings for the dates, an integer for `total_orders`, JSON numbers for the
/// amounts and scores, and a number, `null` or nothing for the model outputs. For anything else it returns
/// `nil` and leaves the verdict to ``QuimbiJSON/makeDecoder()``, so what it reads is exactly what that
/// decoder decodes.
///
/// The bytes must be valid UTF-8 (Swift strings are).
public enum PlainProfileJSON {
    /// The profile in `utf8`, or `nil` when the text is not of the plain shape.
    public static func profile(_ utf8: UnsafeBufferPointer<UInt8>) -> CustomerProfile? {
        var fields = Fields()
        return JSONCursor.isWhole(utf8, reading: { $0.members(of: keys) { fields.read($0, from: &$1) } }) ? fields.profile() : nil
    }

    private static let keys = PlainKeys<CustomerProfile.CodingKeys>()

    /// The profile's members as read so far.
    private struct Fields {
        var customerID: String?
        var archetypeID: String?
        var lifetimeValue: Double?
        var totalOrders: Int?
        var avgOrderValue: Double?
        var firstPurchaseAt: Date?
        var lastPurchaseAt: Date?
        var churnRiskScore: Double?
        var pAlive: Double?
        var expectedPurchases90d: Double?
        var predictedValue365d: Double?

        /// Reads the value of `key`; `false` when it is not of the plain shape.
        mutating func read(_ key: CustomerProfile.CodingKeys, from cursor: inout JSONCursor) -> Bool {
            switch key {
            case .customerID: customerID = cursor.string()
            case .archetypeID: archetypeID = cursor.string()
            case .lifetimeValue: lifetimeValue = cursor.double()
            case .totalOrders: totalOrders = cursor.integer()
            case .avgOrderValue: avgOrderValue = cursor.double()
            case .firstPurchaseAt: firstPurchaseAt = cursor.string().flatMap(RFC3339.date(from:))
            case .lastPurchaseAt: lastPurchaseAt = cursor.string().flatMap(RFC3339.date(from:))
            case .churnRiskScore: churnRiskScore = cursor.double()
            case .pAlive: return cursor.optionalDouble(into: &pAlive)
            case .expectedPurchases90d: return cursor.optionalDouble(into: &expectedPurchases90d)
            case .predictedValue365d: return cursor.optionalDouble(into: &predictedValue365d)
            }
            return isRead(key)
        }

        /// Whether the required member `key` holds a value.
        private func isRead(_ key: CustomerProfile.CodingKeys) -> Bool {
            switch key {
            case .customerID: customerID != nil
            case .archetypeID: archetypeID != nil
            case .lifetimeValue: lifetimeValue != nil
            case .totalOrders: totalOrders != nil
            case .avgOrderValue: avgOrderValue != nil
            case .firstPurchaseAt: firstPurchaseAt != nil
            case .lastPurchaseAt: lastPurchaseAt != nil
            case .churnRiskScore: churnRiskScore != nil
            case .pAlive, .expectedPurchases90d, .predictedValue365d: true
            }
        }

        /// The profile, when every required member was read.
        func profile() -> CustomerProfile? {
            guard let customerID, let archetypeID, let lifetimeValue, let totalOrders, let avgOrderValue, let firstPurchaseAt,
                  let lastPurchaseAt, let churnRiskScore else { return nil }
            return CustomerProfile(
                customerID: customerID, archetypeID: archetypeID, lifetimeValue: lifetimeValue, totalOrders: totalOrders,
                avgOrderValue: avgOrderValue, firstPurchaseAt: firstPurchaseAt, lastPurchaseAt: lastPurchaseAt,
                churnRiskScore: churnRiskScore, pAlive: pAlive, expectedPurchases90d: expectedPurchases90d,
                predictedValue365d: predictedValue365d)
        }
    }
}
