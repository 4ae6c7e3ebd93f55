import QuimbiCore

/// A customer's churn-risk band.
public enum ChurnBand: String, Sendable, Hashable, CaseIterable, Codable {
    case low, medium, high
}

/// A customer's lifetime-value tier.
public enum ValueTier: String, Sendable, Hashable, CaseIterable, Codable {
    case low, standard, high, vip
}

/// What can set off an escalation rule.
public enum EscalationTrigger: String, Sendable, Hashable, CaseIterable, Codable {
    /// The ticket reports a service failure (late, damaged, wrong or missing item).
    case serviceFailure = "service_failure"
    /// The ticket's sentiment is negative.
    case negativeSentiment = "negative_sentiment"
    /// The customer threatens legal action or a consumer-protection complaint.
    case legalThreat = "legal_threat"
    /// The customer threatens a chargeback or a payment dispute.
    case chargeback
    /// The customer says they have already written before without an answer.
    case repeatedContact = "repeated_contact"
}

/// A discount rule: for tickets whose primary intent is one of `intents` from customers matching
/// the optional conditions, offer `percent` (then capped by the value tier) and maybe free shipping.
/// Rules are tried in order; the first that matches decides.
public struct DiscountRule: Sendable, Hashable {
    /// Primary intents the rule applies to.
    public var intents: Set<IntentLabel>
    /// Nil: any band.
    public var churnBands: Set<ChurnBand>?
    /// Nil: any tier.
    public var valueTiers: Set<ValueTier>?
    /// Nil: either; true: only customers idle for at least `lapsed_after_days`.
    public var lapsed: Bool?
    /// Discount in percent, before the tier cap.
    public var percent: Int
    /// Whether free expedited shipping is offered too.
    public var freeShipping: Bool
    /// Stable reason code recorded when this rule decides, e.g. `retention_offer`.
    public var reason: String

    /// A rule; see the type's documentation.
    public init(
        intents: Set<IntentLabel>, churnBands: Set<ChurnBand>? = nil, valueTiers: Set<ValueTier>? = nil, lapsed: Bool? = nil,
        percent: Int, freeShipping: Bool = false, reason: String
    ) {
        self.intents = intents
        self.churnBands = churnBands
        self.valueTiers = valueTiers
        self.lapsed = lapsed
        self.percent = percent
        self.freeShipping = freeShipping
        self.reason = reason
    }
}

/// An escalation rule: when `trigger` fires for a customer matching the optional conditions, the
/// ticket goes to a manager with at least `priority`, recording `reason`. Every matching rule applies.
public struct EscalationRule: Sendable, Hashable {
    /// What sets the rule off.
    public var trigger: EscalationTrigger
    /// Nil: any band (and unknown customers).
    public var churnBands: Set<ChurnBand>?
    /// Nil: any tier (and unknown customers).
    public var valueTiers: Set<ValueTier>?
    /// Lowest priority of an escalated ticket.
    public var priority: Priority
    /// Stable reason code recorded when the rule applies.
    public var reason: String

    /// A rule; see the type's documentation.
    public init(trigger: EscalationTrigger, churnBands: Set<ChurnBand>? = nil, valueTiers: Set<ValueTier>? = nil, priority: Priority, reason: String) {
        self.trigger = trigger
        self.churnBands = churnBands
        self.valueTiers = valueTiers
        self.priority = priority
        self.reason = reason
    }
}
