import Foundation

extension CustomerProfile {
    /// The line `quimbi segment --out` writes for the profile: its ``ProfileSnapshot`` as of `date`, the stored
    /// purchase dates and `"type": "profile"`, keys in the order `JSONEncoder`'s `.sortedKeys` puts them, bytes
    /// as ``QuimbiJSON``'s encoder writes them (without the newline). Written a byte at a time: through
    /// `JSONEncoder` a million lines took 8 s.
    ///
    /// - Throws: `EncodingError.invalidValue` for a number JSON cannot hold (NaN or an infinity).
    public func segmentLineJSON(asOf date: Date) throws -> [UInt8] {
        let snapshot = snapshot(asOf: date)
        var json = JSONByteWriter(capacity: 512)
        try json.object { json in
            json.member("archetype_id", snapshot.archetypeID)
            try json.member("avg_order_value", snapshot.avgOrderValue)
            try json.member("churn_risk_score", snapshot.churnRiskScore)
            json.member("customer_id", snapshot.customerID)
            json.member("customer_tenure_days", snapshot.customerTenureDays)
            json.member("days_since_last_purchase", snapshot.daysSinceLastPurchase)
            try json.member("expected_purchases_90d", ifPresent: snapshot.expectedPurchases90d)
            json.member("first_purchase_at", firstPurchaseAt)
            json.member("last_purchase_at", lastPurchaseAt)
            try json.member("lifetime_value", snapshot.lifetimeValue)
            try json.member("p_alive", ifPresent: snapshot.pAlive)
            try json.member("predicted_value_365d", ifPresent: snapshot.predictedValue365d)
            json.member("total_orders", snapshot.totalOrders)
            json.member("type", "profile")
        }
        return json.bytes
    }
}
