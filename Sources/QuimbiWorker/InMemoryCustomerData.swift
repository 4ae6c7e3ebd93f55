import QuimbiCore

/// Profiles, orders and archetypes held in memory: the demo's and benchmark's data source, and the
/// worker's when no database is configured; with the store's co-purchase affinities.
///
/// A class: the worker holds it as four sources (`any ProfileSource`, …), and each lookup copies the
/// existential it is called through; a struct of this size was copied field by field (some twenty
/// retains, a hundred times a ticket).
public final class InMemoryCustomerData: ProfileSource, OrderSource, ArchetypeSource, RecommendationSource, ImmediateLookup {
    /// One profile per customer (the last given wins), sorted by customer id and found by binary search:
    /// a dictionary's buckets (a power of two, at most three quarters full) took 9.4 MB for the 27,415
    /// profiles of the sample store, this array 3.5 MB.
    private let profiles: [CustomerProfile]
    private let customerIDByEmail: [String: String]
    private let orderHistory: PackedOrderHistory
    private let archetypesByID: [String: Archetype]
    private let affinities: ItemAffinities

    /// Indexes the data; orders are packed (``PackedOrderHistory``), newest first per customer.
    public convenience init(
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
        self.profiles = Self.sortedByCustomer(profiles)
        customerIDByEmail = Dictionary(
            customers.compactMap { customer in customer.email.map { ($0.lowercased(), customer.id) } },
            uniquingKeysWith: { first, _ in first })
        archetypesByID = Dictionary(archetypes.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// `profiles` sorted by customer id, keeping the last of a customer's profiles.
    private static func sortedByCustomer(_ profiles: [CustomerProfile]) -> [CustomerProfile] {
        let sorted = profiles.enumerated().sorted { ($0.element.customerID, $0.offset) < ($1.element.customerID, $1.offset) }
        var unique: [CustomerProfile] = []
        unique.reserveCapacity(sorted.count)
        for (_, profile) in sorted {
            if unique.last?.customerID == profile.customerID { unique.removeLast() }
            unique.append(profile)
        }
        return unique
    }

    /// The profile of customer `id`, by binary search.
    private func profile(withID id: String) -> CustomerProfile? {
        let index = profiles.firstIndex(notPreceding: { $0.customerID < id })
        return index < profiles.count && profiles[index].customerID == id ? profiles[index] : nil
    }

    private func customerID(for reference: CustomerReference) -> String? {
        reference.customerID ?? reference.email.flatMap { customerIDByEmail[$0.lowercased()] }
    }

    public func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        customerID(for: customer).flatMap { profile(withID: $0) }
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
    public var profileCount: Int { profiles.count }
}

extension InMemoryCustomerData {
    /// Up to `limit` customer ids with a profile, in a stable order.
    public func sampleCustomerIDs(limit: Int) -> [String] {
        profiles.prefix(limit).map(\.customerID)
    }
}
