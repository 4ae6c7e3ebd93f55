import Foundation

/// A customer's behavioural profile as written by `quimbi segment` (table `customer_profiles`).
///
/// Purchase dates are stored, not day counts, so that `days_since_last_purchase` and
/// `customer_tenure_days` stay true on every day the profile is read (see ``ProfileSnapshot``).
public struct CustomerProfile: Codable, Sendable, Hashable {
    public var customerID: String
    /// Stable archetype id of the form `arch_NNNNNN`.
    public var archetypeID: String
    /// Sum of all order totals.
    public var lifetimeValue: Double
    /// Number of orders (same-day orders merged).
    public var totalOrders: Int
    /// `lifetimeValue / totalOrders`.
    public var avgOrderValue: Double
    public var firstPurchaseAt: Date
    public var lastPurchaseAt: Date
    /// Churn risk in [0, 1]: 1 − P(any purchase in the scoring horizon) under the fitted BG/NBD model.
    public var churnRiskScore: Double
    /// BG/NBD probability that the customer is still active.
    public var pAlive: Double?
    /// Expected number of purchases in the next 90 days.
    public var expectedPurchases90d: Double?
    /// Expected spend in the next 365 days (BG/NBD × Gamma-Gamma).
    public var predictedValue365d: Double?

    public init(
        customerID: String, archetypeID: String, lifetimeValue: Double, totalOrders: Int, avgOrderValue: Double,
        firstPurchaseAt: Date, lastPurchaseAt: Date, churnRiskScore: Double, pAlive: Double? = nil,
        expectedPurchases90d: Double? = nil, predictedValue365d: Double? = nil
    ) {
        self.customerID = customerID
        self.archetypeID = archetypeID
        self.lifetimeValue = lifetimeValue
        self.totalOrders = totalOrders
        self.avgOrderValue = avgOrderValue
        self.firstPurchaseAt = firstPurchaseAt
        self.lastPurchaseAt = lastPurchaseAt
        self.churnRiskScore = churnRiskScore
        self.pAlive = pAlive
        self.expectedPurchases90d = expectedPurchases90d
        self.predictedValue365d = predictedValue365d
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case customerID = "customer_id"
        case archetypeID = "archetype_id"
        case lifetimeValue = "lifetime_value"
        case totalOrders = "total_orders"
        case avgOrderValue = "avg_order_value"
        case firstPurchaseAt = "first_purchase_at"
        case lastPurchaseAt = "last_purchase_at"
        case churnRiskScore = "churn_risk_score"
        case pAlive = "p_alive"
        case expectedPurchases90d = "expected_purchases_90d"
        case predictedValue365d = "predicted_value_365d"
    }

    /// The profile as seen on `date`: day counts computed, never stored.
    public func snapshot(asOf date: Date) -> ProfileSnapshot {
        ProfileSnapshot(profile: self, asOf: date)
    }
}

/// The seed's eight profile fields as of a given day, plus the model outputs.
///
/// Encodes exactly as the seed's `GET /api/mcp/customer/{id}` response, with extra fields after.
public struct ProfileSnapshot: Codable, Sendable, Hashable {
    public var customerID: String
    public var archetypeID: String
    public var lifetimeValue: Double
    public var totalOrders: Int
    public var avgOrderValue: Double
    public var daysSinceLastPurchase: Int
    public var customerTenureDays: Int
    public var churnRiskScore: Double
    public var pAlive: Double?
    public var expectedPurchases90d: Double?
    public var predictedValue365d: Double?

    /// Builds the snapshot of `profile` on `date` (whole days, never negative).
    public init(profile: CustomerProfile, asOf date: Date) {
        customerID = profile.customerID
        archetypeID = profile.archetypeID
        lifetimeValue = profile.lifetimeValue
        totalOrders = profile.totalOrders
        avgOrderValue = profile.avgOrderValue
        daysSinceLastPurchase = Self.wholeDays(from: profile.lastPurchaseAt, to: date)
        customerTenureDays = Self.wholeDays(from: profile.firstPurchaseAt, to: date)
        churnRiskScore = profile.churnRiskScore
        pAlive = profile.pAlive
        expectedPurchases90d = profile.expectedPurchases90d
        predictedValue365d = profile.predictedValue365d
    }

    static func wholeDays(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 86_400).rounded(.down)))
    }

    enum CodingKeys: String, CodingKey {
        case customerID = "customer_id"
        case archetypeID = "archetype_id"
        case lifetimeValue = "lifetime_value"
        case totalOrders = "total_orders"
        case avgOrderValue = "avg_order_value"
        case daysSinceLastPurchase = "days_since_last_purchase"
        case customerTenureDays = "customer_tenure_days"
        case churnRiskScore = "churn_risk_score"
        case pAlive = "p_alive"
        case expectedPurchases90d = "expected_purchases_90d"
        case predictedValue365d = "predicted_value_365d"
    }
}

/// A behavioural archetype: one occupied combination of the discretised dimensions.
public struct Archetype: Codable, Sendable, Hashable {
    /// Stable id `arch_NNNNNN`, the same for the same combination in every run.
    public var id: String
    /// Readable label, e.g. "Occasional standard-value buyer, cooling down".
    public var label: String
    /// Dimension name → level, e.g. `["value": "standard", "frequency": "occasional"]`.
    public var dimensions: [String: String]
    public var members: Int
    public var avgLifetimeValue: Double
    public var avgOrders: Double
    /// Share of members per churn band: `low`, `medium`, `high`.
    public var churnDistribution: [String: Double]
    /// Typical behaviours of the members, as short sentences.
    public var behaviours: [String]
    /// Recommended strategy, as short imperative sentences.
    public var strategy: [String]

    public init(
        id: String, label: String, dimensions: [String: String], members: Int, avgLifetimeValue: Double,
        avgOrders: Double, churnDistribution: [String: Double], behaviours: [String], strategy: [String]
    ) {
        self.id = id
        self.label = label
        self.dimensions = dimensions
        self.members = members
        self.avgLifetimeValue = avgLifetimeValue
        self.avgOrders = avgOrders
        self.churnDistribution = churnDistribution
        self.behaviours = behaviours
        self.strategy = strategy
    }

    enum CodingKeys: String, CodingKey {
        case id, label, dimensions, members, behaviours, strategy
        case avgLifetimeValue = "avg_lifetime_value"
        case avgOrders = "avg_orders"
        case churnDistribution = "churn_distribution"
    }
}
