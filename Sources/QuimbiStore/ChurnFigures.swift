import Foundation

/// Customers whose churn risk lies in `[from, to)` (the last bin and band include 1).
public struct ChurnRiskBin: Codable, Sendable, Equatable {
    /// A band's name (`low`, `medium`, `high`), or `nil` for a histogram bin.
    public var band: String?
    /// Lowest churn risk of the bin (inclusive).
    public var from: Double
    /// Churn risk from which the next bin starts.
    public var to: Double
    /// Customers with a profile in the bin.
    public var customers: Int

    /// A bin (or, with `band`, a band) of `customers` customers.
    public init(band: String? = nil, from: Double, to: Double, customers: Int) {
        self.band = band
        self.from = from
        self.to = to
        self.customers = customers
    }
}

/// An archetype's members with their mean churn risk and lifetime value, and what its strategy says.
public struct RankedArchetype: Codable, Sendable, Equatable {
    public var archetypeID: String
    /// The readable label (the id when the archetype is not described in `archetypes`).
    public var label: String
    /// Customers with a profile in the archetype.
    public var members: Int
    /// Mean churn risk of the members, 0–1.
    public var meanChurnRisk: Double
    /// Mean lifetime value of the members, in the store's currency.
    public var meanLifetimeValue: Double
    /// members × mean churn risk × mean lifetime value: the value expected to leave with this archetype.
    public var valueAtRisk: Double
    /// The segmentation's recommended strategy (`archetypes.strategy`), empty when the archetype is not described.
    public var strategy: [String]

    /// An archetype's figures; ``valueAtRisk`` follows from them.
    public init(archetypeID: String, label: String, members: Int, meanChurnRisk: Double, meanLifetimeValue: Double, strategy: [String]) {
        self.archetypeID = archetypeID
        self.label = label
        self.members = members
        self.meanChurnRisk = meanChurnRisk
        self.meanLifetimeValue = meanLifetimeValue
        valueAtRisk = Double(members) * meanChurnRisk * meanLifetimeValue
        self.strategy = strategy
    }

    enum CodingKeys: String, CodingKey {
        case label, members, strategy
        case archetypeID = "archetype_id"
        case meanChurnRisk = "mean_churn_risk"
        case meanLifetimeValue = "mean_lifetime_value"
        case valueAtRisk = "value_at_risk"
    }
}

/// Escalated decisions of one priority.
public struct PriorityCount: Codable, Sendable, Equatable {
    /// The decision's priority (`urgent`, `high`, `normal`, `low`).
    public var priority: String
    /// Escalated decisions of that priority.
    public var escalations: Int

    /// `escalations` decisions of `priority`.
    public init(priority: String, escalations: Int) {
        self.priority = priority
        self.escalations = escalations
    }
}
