import QuimbiCore

/// The decision rules: churn bands, value tiers, discount rules by intent × churn band × value
/// tier with caps by tier, and escalation rules. Loaded from YAML (``load(contentsOf:)``) or the
/// compiled-in ``default``, which reproduces the seed's decisions (DESIGN §7) and equals
/// `Deploy/policy/default.yaml`.
public struct SupportPolicy: Sendable, Hashable {
    /// Churn risk at or above which a customer is in the medium band.
    public var mediumChurnFrom: Double
    /// Churn risk at or above which a customer is in the high band.
    public var highChurnFrom: Double
    /// Lifetime values from which a customer is `standard`, `high` and `vip` (below: `low`).
    public var standardValueFrom: Double
    /// Lifetime value from which a customer is `high`.
    public var highValueFrom: Double
    /// Lifetime value from which a customer is `vip`.
    public var vipValueFrom: Double
    /// Days without a purchase from which a customer counts as lapsed.
    public var lapsedAfterDays: Int
    /// Largest discount, in percent, per value tier (every tier present).
    public var discountCaps: [ValueTier: Int]
    /// Tried in order; the first matching rule decides the discount.
    public var discountRules: [DiscountRule]
    /// Every matching rule escalates.
    public var escalationRules: [EscalationRule]
    /// Share, in percent (0–50), of the customers whose offers are withheld to measure what offers
    /// buy: the control arm of a randomised holdout, chosen per customer (see ``RetentionHoldout``).
    /// Escalated tickets are never held out.
    public var holdoutPercent: Int

    /// A policy from its parts; ``load(contentsOf:)`` validates a file into one.
    public init(
        mediumChurnFrom: Double, highChurnFrom: Double, standardValueFrom: Double, highValueFrom: Double,
        vipValueFrom: Double, lapsedAfterDays: Int, discountCaps: [ValueTier: Int], discountRules: [DiscountRule],
        escalationRules: [EscalationRule], holdoutPercent: Int = 0
    ) {
        self.mediumChurnFrom = mediumChurnFrom
        self.highChurnFrom = highChurnFrom
        self.standardValueFrom = standardValueFrom
        self.highValueFrom = highValueFrom
        self.vipValueFrom = vipValueFrom
        self.lapsedAfterDays = lapsedAfterDays
        self.discountCaps = discountCaps
        self.discountRules = discountRules
        self.escalationRules = escalationRules
        self.holdoutPercent = holdoutPercent
    }

    /// The seed's policy. Low churn risk gets no discount unless there was a service failure.
    public static let `default` = SupportPolicy(
        mediumChurnFrom: 0.35, highChurnFrom: 0.55,
        standardValueFrom: 100, highValueFrom: 500, vipValueFrom: 1_500,
        lapsedAfterDays: 120,
        discountCaps: [.low: 10, .standard: 20, .high: 25, .vip: 30],
        discountRules: [
            DiscountRule(intents: [.serviceComplaint], churnBands: [.high], percent: 20, freeShipping: true, reason: "service_recovery_high_churn"),
            DiscountRule(intents: [.serviceComplaint], percent: 15, freeShipping: true, reason: "service_recovery"),
            DiscountRule(intents: [.churnThreat], churnBands: [.high], percent: 15, reason: "retention_offer_high_churn"),
            DiscountRule(intents: [.churnThreat], churnBands: [.medium], percent: 10, reason: "retention_offer_medium_churn"),
            DiscountRule(intents: [.productQuestion], churnBands: [.medium, .high], lapsed: true, percent: 10, reason: "reengagement_lapsed"),
            DiscountRule(intents: [.discountRequest], churnBands: [.high], percent: 10, reason: "retention_offer_high_churn"),
        ],
        escalationRules: [
            EscalationRule(trigger: .legalThreat, priority: .urgent, reason: "legal_threat"),
            EscalationRule(trigger: .chargeback, priority: .urgent, reason: "chargeback_threat"),
            EscalationRule(trigger: .serviceFailure, churnBands: [.high], priority: .high, reason: "service_failure_high_churn"),
            EscalationRule(trigger: .negativeSentiment, valueTiers: [.high, .vip], priority: .high, reason: "high_value_negative_sentiment"),
            EscalationRule(trigger: .repeatedContact, priority: .high, reason: "repeated_contact"),
        ]
    )

    /// The band of a churn-risk score.
    public func churnBand(_ risk: Double) -> ChurnBand {
        risk >= highChurnFrom ? .high : (risk >= mediumChurnFrom ? .medium : .low)
    }

    /// The tier of a lifetime value.
    public func valueTier(_ lifetimeValue: Double) -> ValueTier {
        if lifetimeValue >= vipValueFrom { return .vip }
        if lifetimeValue >= highValueFrom { return .high }
        return lifetimeValue >= standardValueFrom ? .standard : .low
    }

    /// The behavioural reading of a profile snapshot (the seed's "Behavioral Analysis").
    public func insight(for snapshot: ProfileSnapshot) -> CustomerInsight {
        let orders = snapshot.totalOrders
        let pattern: String = switch orders {
        case ...1: "One-time buyer"
        case 2...5: "Occasional buyer (\(orders) orders over \(snapshot.customerTenureDays) days)"
        default: "Regular buyer (\(orders) orders over \(snapshot.customerTenureDays) days)"
        }
        let idle = snapshot.daysSinceLastPurchase
        let engagement = idle >= lapsedAfterDays
            ? "Cooling down (\(idle) days since last purchase)"
            : "Active (\(idle) days since last purchase)"
        return CustomerInsight(
            snapshot: snapshot, valueTier: valueTier(snapshot.lifetimeValue).rawValue, purchasePattern: pattern,
            engagement: engagement, churnLevel: churnBand(snapshot.churnRiskScore).rawValue
        )
    }
}
