import Foundation

/// `escalation.v1` — published to `support.escalations` when the policy escalates a ticket
/// (Schemas/events/escalation.v1.json). Managers subscribe to it.
public struct Escalation: Codable, Sendable, Hashable {
    public var eventID: String
    public var ticketID: String
    public var customerID: String?
    public var createdAt: Date
    public var priority: Priority
    /// The policy's reason codes.
    public var reasons: [String]
    /// One paragraph a manager can act on: who, how valuable, how at risk, what happened, what to do.
    public var summary: String
    /// Null for unknown customers.
    public var lifetimeValue: Double?
    public var churnRiskScore: Double?
    public var churnLevel: String?
    public var valueTier: String?
    public var intent: IntentLabel
    public var recommendation: Recommendation
    /// The `event_id` of the draft-response event for the same ticket.
    public var draftEventID: String

    public init(
        eventID: String, ticketID: String, customerID: String?, createdAt: Date, priority: Priority,
        reasons: [String], summary: String, lifetimeValue: Double?, churnRiskScore: Double?, churnLevel: String?,
        valueTier: String?, intent: IntentLabel, recommendation: Recommendation, draftEventID: String
    ) {
        self.eventID = eventID
        self.ticketID = ticketID
        self.customerID = customerID
        self.createdAt = createdAt
        self.priority = priority
        self.reasons = reasons
        self.summary = summary
        self.lifetimeValue = lifetimeValue
        self.churnRiskScore = churnRiskScore
        self.churnLevel = churnLevel
        self.valueTier = valueTier
        self.intent = intent
        self.recommendation = recommendation
        self.draftEventID = draftEventID
    }

    enum CodingKeys: String, CodingKey {
        case priority, reasons, summary, intent, recommendation
        case eventID = "event_id"
        case ticketID = "ticket_id"
        case customerID = "customer_id"
        case createdAt = "created_at"
        case lifetimeValue = "lifetime_value"
        case churnRiskScore = "churn_risk_score"
        case churnLevel = "churn_level"
        case valueTier = "value_tier"
        case draftEventID = "draft_event_id"
    }
}
