import Foundation

/// The customer as presented to the agent: the seed's eight fields plus the behavioural reading.
public struct CustomerInsight: Codable, Sendable, Hashable {
    public var customerID: String
    public var archetypeID: String
    public var lifetimeValue: Double
    public var totalOrders: Int
    public var avgOrderValue: Double
    public var daysSinceLastPurchase: Int
    public var customerTenureDays: Int
    public var churnRiskScore: Double
    /// e.g. `standard`, `high`, `vip`.
    public var valueTier: String
    /// e.g. "Occasional buyer (3 orders over 250 days)".
    public var purchasePattern: String
    /// e.g. "Cooling down (230 days since last purchase)".
    public var engagement: String
    /// `low`, `medium` or `high`.
    public var churnLevel: String
    public var pAlive: Double?
    public var expectedPurchases90d: Double?
    public var predictedValue365d: Double?

    public init(
        snapshot: ProfileSnapshot, valueTier: String, purchasePattern: String, engagement: String, churnLevel: String
    ) {
        customerID = snapshot.customerID
        archetypeID = snapshot.archetypeID
        lifetimeValue = snapshot.lifetimeValue
        totalOrders = snapshot.totalOrders
        avgOrderValue = snapshot.avgOrderValue
        daysSinceLastPurchase = snapshot.daysSinceLastPurchase
        customerTenureDays = snapshot.customerTenureDays
        churnRiskScore = snapshot.churnRiskScore
        pAlive = snapshot.pAlive
        expectedPurchases90d = snapshot.expectedPurchases90d
        predictedValue365d = snapshot.predictedValue365d
        self.valueTier = valueTier
        self.purchasePattern = purchasePattern
        self.engagement = engagement
        self.churnLevel = churnLevel
    }

    enum CodingKeys: String, CodingKey {
        case engagement
        case customerID = "customer_id"
        case archetypeID = "archetype_id"
        case lifetimeValue = "lifetime_value"
        case totalOrders = "total_orders"
        case avgOrderValue = "avg_order_value"
        case daysSinceLastPurchase = "days_since_last_purchase"
        case customerTenureDays = "customer_tenure_days"
        case churnRiskScore = "churn_risk_score"
        case valueTier = "value_tier"
        case purchasePattern = "purchase_pattern"
        case churnLevel = "churn_level"
        case pAlive = "p_alive"
        case expectedPurchases90d = "expected_purchases_90d"
        case predictedValue365d = "predicted_value_365d"
    }
}

/// What the drafter saw, and what was missing.
public struct DraftContext: Codable, Sendable, Hashable {
    public var prompt: Prompt
    /// Sources that were unavailable within the deadline, e.g. `profile`, `orders`.
    public var degraded: [String]

    public init(prompt: Prompt, degraded: [String]) {
        self.prompt = prompt
        self.degraded = degraded
    }
}

/// When the ticket was handled and how long each part took.
public struct DraftTiming: Codable, Sendable, Hashable {
    /// When the helpdesk created the ticket (the ticket event's `created_at`).
    public var ticketCreatedAt: Date
    public var receivedAt: Date
    public var completedAt: Date
    public var lookupMs: Double
    public var totalMs: Double

    public init(ticketCreatedAt: Date, receivedAt: Date, completedAt: Date, lookupMs: Double, totalMs: Double) {
        self.ticketCreatedAt = ticketCreatedAt
        self.receivedAt = receivedAt
        self.completedAt = completedAt
        self.lookupMs = lookupMs
        self.totalMs = totalMs
    }

    enum CodingKeys: String, CodingKey {
        case ticketCreatedAt = "ticket_created_at"
        case receivedAt = "received_at"
        case completedAt = "completed_at"
        case lookupMs = "lookup_ms"
        case totalMs = "total_ms"
    }
}

/// `draft-response.v1` — published to `support.drafts` for every ticket
/// (Schemas/events/draft-response.v1.json).
public struct DraftResponse: Codable, Sendable, Hashable {
    public var eventID: String
    /// The `event_id` of the ticket-created event this answers.
    public var ticketEventID: String
    public var ticketID: String
    public var customerID: String?
    public var createdAt: Date
    public var language: String
    public var intent: Intent
    public var sentiment: Sentiment
    /// Null for unknown customers.
    public var customer: CustomerInsight?
    /// Recent orders, newest first.
    public var orders: [Order]
    /// Up to three items, named with their variants, that go with what the customer bought
    /// (co-purchases, else popularity); absent when none were found or no source is configured.
    public var recommendedItems: [String]?
    public var recommendation: Recommendation
    public var draft: Draft
    public var context: DraftContext
    public var timing: DraftTiming

    public init(
        eventID: String, ticketEventID: String, ticketID: String, customerID: String?, createdAt: Date,
        language: String, intent: Intent, sentiment: Sentiment, customer: CustomerInsight?, orders: [Order],
        recommendedItems: [String]? = nil, recommendation: Recommendation, draft: Draft, context: DraftContext, timing: DraftTiming
    ) {
        self.recommendedItems = recommendedItems
        self.eventID = eventID
        self.ticketEventID = ticketEventID
        self.ticketID = ticketID
        self.customerID = customerID
        self.createdAt = createdAt
        self.language = language
        self.intent = intent
        self.sentiment = sentiment
        self.customer = customer
        self.orders = orders
        self.recommendation = recommendation
        self.draft = draft
        self.context = context
        self.timing = timing
    }

    enum CodingKeys: String, CodingKey {
        case language, intent, sentiment, customer, orders, recommendation, draft, context, timing
        case eventID = "event_id"
        case ticketEventID = "ticket_event_id"
        case ticketID = "ticket_id"
        case customerID = "customer_id"
        case createdAt = "created_at"
        case recommendedItems = "recommended_items"
    }

    /// Always encodes `customer` (as null when unknown), as the schema requires.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(ticketEventID, forKey: .ticketEventID)
        try container.encode(ticketID, forKey: .ticketID)
        try container.encodeIfPresent(customerID, forKey: .customerID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(language, forKey: .language)
        try container.encode(intent, forKey: .intent)
        try container.encode(sentiment, forKey: .sentiment)
        try container.encode(customer, forKey: .customer)
        try container.encode(orders, forKey: .orders)
        try container.encodeIfPresent(recommendedItems, forKey: .recommendedItems)
        try container.encode(recommendation, forKey: .recommendation)
        try container.encode(draft, forKey: .draft)
        try container.encode(context, forKey: .context)
        try container.encode(timing, forKey: .timing)
    }
}
