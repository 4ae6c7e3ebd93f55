import Foundation
import QuimbiCore

/// One decision of the worker as `quimbi outcomes` records it: who, when, what was read, what was
/// offered or withheld, and why. Built from a draft-response event.
public struct RetentionDecision: Sendable, Hashable {
    public var draftEventID: String
    public var ticketEventID: String
    public var ticketID: String
    public var customerID: String?
    public var decidedAt: Date
    public var intent: String
    public var churnRiskScore: Double?
    public var churnBand: String?
    public var valueTier: String?
    public var lifetimeValue: Double?
    public var archetypeID: String?
    public var recommendation: Recommendation

    /// The decision `draft` carries.
    public init(draft: DraftResponse) {
        draftEventID = draft.eventID
        ticketEventID = draft.ticketEventID
        ticketID = draft.ticketID
        customerID = draft.customerID ?? draft.customer?.customerID
        decidedAt = draft.createdAt
        intent = draft.intent.label.rawValue
        churnRiskScore = draft.customer?.churnRiskScore
        churnBand = draft.customer?.churnLevel
        valueTier = draft.customer?.valueTier
        lifetimeValue = draft.customer?.lifetimeValue
        archetypeID = draft.customer?.archetypeID
        recommendation = draft.recommendation
    }
}
