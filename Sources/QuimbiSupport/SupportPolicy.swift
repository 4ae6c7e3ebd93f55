import QuimbiCore

/// The decision rules: churn bands, value tiers, discounts by intent and band, caps, escalation.
///
/// The compiled-in ``default`` reproduces the seed's decisions (DESIGN §7).
public struct SupportPolicy: Sendable, Hashable {
    /// Churn risk at or above which a customer is in the medium band.
    public var mediumChurnFrom: Double
    /// Churn risk at or above which a customer is in the high band.
    public var highChurnFrom: Double
    /// Lifetime value thresholds of the `standard`, `high` and `vip` tiers (below the first: `low`).
    public var standardValueFrom: Double
    public var highValueFrom: Double
    public var vipValueFrom: Double
    /// Largest discount per value tier.
    public var discountCapByTier: [String: Int]
    /// Days without a purchase after which a customer counts as lapsed.
    public var lapsedAfterDays: Int

    public static let `default` = SupportPolicy(
        mediumChurnFrom: 0.35, highChurnFrom: 0.55,
        standardValueFrom: 100, highValueFrom: 500, vipValueFrom: 1_500,
        discountCapByTier: ["low": 10, "standard": 20, "high": 25, "vip": 30],
        lapsedAfterDays: 120
    )

    func churnLevel(_ risk: Double) -> String {
        risk >= highChurnFrom ? "high" : (risk >= mediumChurnFrom ? "medium" : "low")
    }

    func valueTier(_ lifetimeValue: Double) -> String {
        if lifetimeValue >= vipValueFrom { return "vip" }
        if lifetimeValue >= highValueFrom { return "high" }
        return lifetimeValue >= standardValueFrom ? "standard" : "low"
    }

    /// The behavioural reading of a profile snapshot.
    public func insight(for snapshot: ProfileSnapshot) -> CustomerInsight {
        let orders = snapshot.totalOrders
        let pattern: String
        switch orders {
        case ...1: pattern = "One-time buyer"
        case 2...5: pattern = "Occasional buyer (\(orders) orders over \(snapshot.customerTenureDays) days)"
        default: pattern = "Regular buyer (\(orders) orders over \(snapshot.customerTenureDays) days)"
        }
        let idle = snapshot.daysSinceLastPurchase
        let engagement = idle >= lapsedAfterDays
            ? "Cooling down (\(idle) days since last purchase)"
            : "Active (\(idle) days since last purchase)"
        return CustomerInsight(
            snapshot: snapshot,
            valueTier: valueTier(snapshot.lifetimeValue),
            purchasePattern: pattern,
            engagement: engagement,
            churnLevel: churnLevel(snapshot.churnRiskScore)
        )
    }

    /// Maps intent, sentiment and customer to the recommendation.
    public func decide(analysis: TicketAnalysis, customer: CustomerInsight?) -> Recommendation {
        var reasons: [String] = []
        var actions: [String] = []
        var discount = 0
        var freeShipping = false
        var escalate = false
        var priority: Priority = .normal
        let band = customer?.churnLevel ?? "unknown"
        let lapsed = (customer?.daysSinceLastPurchase ?? 0) >= lapsedAfterDays
        if customer == nil { reasons.append("customer_unknown") } else { reasons.append("churn_risk_\(band)") }

        switch analysis.intent.label {
        case .churnThreat:
            reasons.append("churn_threat")
            discount = band == "high" ? 15 : (band == "medium" ? 10 : 0)
            if discount > 0 { actions.append("Offer a \(discount)% retention discount on the next order") }
            actions.append("Acknowledge the relationship and highlight quality and service")
        case .productQuestion:
            reasons.append("product_question")
            if customer != nil, band == "high" || lapsed {
                reasons.append("lapsed_customer")
                discount = 10
                actions.append("Include a \(discount)% re-engagement incentive")
            }
            actions.append("Recommend products based on past purchases")
        case .serviceComplaint:
            reasons.append("service_failure")
            discount = band == "high" ? 20 : 15
            freeShipping = true
            actions.append("Apologise for the service failure")
            actions.append("Offer free expedited shipping and a \(discount)% discount on the next order")
            if band == "high" {
                escalate = true
                reasons.append("service_failure_high_churn")
                actions.append("Manager to call the customer")
                priority = .high
            }
        default:
            reasons.append(analysis.intent.label.rawValue)
        }
        if let tier = customer?.valueTier, let cap = discountCapByTier[tier], discount > cap {
            discount = cap
            reasons.append("discount_capped_by_tier")
        }
        if customer == nil { discount = 0 }
        return Recommendation(
            offerDiscount: discount > 0, discountPercent: discount, freeShipping: freeShipping,
            escalate: escalate, followUpRequired: escalate, priority: priority,
            reasons: reasons, actions: actions
        )
    }
}
