import Foundation
import QuimbiStore

/// The churn picture of the customer base for managers: how churn risk is distributed (the policy's
/// bands and a histogram), which archetypes carry the most value at risk with their strategies, and the
/// escalations of the last days by priority.
public struct ChurnReport: Codable, Sendable, Equatable {
    /// When the report was read.
    public var asOf: Date
    /// Customers with a profile.
    public var customers: Int
    /// Customers in the policy's low, medium and high churn bands.
    public var bands: [ChurnRiskBin]
    /// Customers per tenth of churn risk.
    public var histogram: [ChurnRiskBin]
    /// Archetypes ranked by value at risk, largest first.
    public var archetypes: [RankedArchetype]
    /// Days back from `asOf` over which escalations are counted.
    public var escalationDays: Int
    /// Escalated decisions of those days per priority, most urgent first.
    public var escalations: [PriorityCount]

    /// A report of these figures.
    public init(asOf: Date, bands: [ChurnRiskBin], histogram: [ChurnRiskBin], archetypes: [RankedArchetype], escalationDays: Int, escalations: [PriorityCount]) {
        self.asOf = asOf
        customers = histogram.reduce(0) { $0 + $1.customers }
        self.bands = bands
        self.histogram = histogram
        self.archetypes = archetypes
        self.escalationDays = escalationDays
        self.escalations = escalations
    }

    enum CodingKeys: String, CodingKey {
        case customers, bands, histogram, archetypes, escalations
        case asOf = "as_of"
        case escalationDays = "escalation_days"
    }
}
