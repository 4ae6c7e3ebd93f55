import QuimbiCore

/// Profiles, orders and archetypes held in memory: the demo's and benchmark's data source, and the
/// worker's when no database is configured; with the store's co-purchase affinities.
public struct InMemoryCustomerData: ProfileSource, OrderSource, ArchetypeSource, RecommendationSource, ImmediateLookup {
    private let profilesByID: [String: CustomerProfile]
    private let customerIDByEmail: [String: String]
    private let orderHistory: PackedOrderHistory
    private let archetypesByID: [String: Archetype]
    private let affinities: ItemAffinities
    /// Customer ids with a profile, sorted.
    let profileIDs: [String]

    /// Indexes the data; orders are packed (``PackedOrderHistory``), newest first per customer.
    public init(
        customers: [Customer], orders: [Order], profiles: [CustomerProfile], archetypes: [Archetype], affinities: ItemAffinities = .empty
    ) {
        self.init(customers: customers, orderHistory: PackedOrderHistory(orders), profiles: profiles, archetypes: archetypes, affinities: affinities)
    }

    /// Indexes the data around orders already packed.
    public init(
        customers: [Customer], orderHistory: PackedOrderHistory, profiles: [CustomerProfile], archetypes: [Archetype],
        affinities: ItemAffinities = .empty
    ) {
        self.affinities = affinities
        self.orderHistory = orderHistory
        profilesByID = Dictionary(profiles.map { ($0.customerID, $0) }, uniquingKeysWith: { _, last in last })
        customerIDByEmail = Dictionary(
            customers.compactMap { customer in customer.email.map { ($0.lowercased(), customer.id) } },
            uniquingKeysWith: { first, _ in first })
        archetypesByID = Dictionary(archetypes.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        profileIDs = profilesByID.keys.sorted()
    }

    private func customerID(for reference: CustomerReference) -> String? {
        reference.customerID ?? reference.email.flatMap { customerIDByEmail[$0.lowercased()] }
    }

    public func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        customerID(for: customer).flatMap { profilesByID[$0] }
    }

    public func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        guard let id = customerID(for: customer) else { return [] }
        return orderHistory.recentOrders(of: id, limit: limit)
    }

    public func archetype(id: String) async throws -> Archetype? {
        archetypesByID[id]
    }

    public func recommendations(for itemsBought: [String], limit: Int) async throws -> [String] {
        affinities.recommend(for: itemsBought, limit: limit)
    }

    /// Number of customers with a profile.
    public var profileCount: Int { profilesByID.count }
}

extension InMemoryCustomerData {
    /// Up to `limit` customer ids with a profile, in a stable order.
    public func sampleCustomerIDs(limit: Int) -> [String] {
        Array(profileIDs.prefix(limit))
    }
}
