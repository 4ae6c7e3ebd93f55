import QuimbiCore

/// The enriched context of a customer for an agent's sidebar: what the worker would build for a ticket.
public struct CustomerContext: Codable, Sendable {
    /// The profile as policy insight (tiers, pattern, engagement, churn level).
    public var customer: CustomerInsight
    /// The customer's archetype, when known.
    public var archetype: Archetype?
    /// Most recent orders, newest first.
    public var recentOrders: [Order]

    enum CodingKeys: String, CodingKey {
        case customer, archetype
        case recentOrders = "recent_orders"
    }
}
