import Foundation
import QuimbiCore
import QuimbiResilience
import QuimbiSupport

/// Fetches a ticket's customer profile and recent orders concurrently, under one deadline; then,
/// from the items of those orders, the items recommended with them.
struct CustomerFactsGatherer: Sendable {
    /// Names used in `context.degraded`.
    enum SourceName {
        static let profile = "profile"
        static let orders = TicketFacts.ordersSource
        static let archetype = "archetype"
        static let recommendations = "recommendations"
    }

    /// Most items recommended per ticket.
    static let recommendedItemLimit = 3

    let profiles: any ProfileSource
    let orders: any OrderSource
    let archetypes: (any ArchetypeSource)?
    let recommendations: (any RecommendationSource)?
    let recentOrderLimit: Int
    let retry = LookupRetry()
    /// Which sources answer from memory, found once.
    let fromMemory: SourcesFromMemory
    /// The profile and order sources in their deadline-bound forms, when both have one.
    let deadlineBound: DeadlineBoundSources?

    /// A profile source and an order source whose lookups start at once and end by their deadline on their own.
    struct DeadlineBoundSources {
        let profiles: any DeadlineBoundProfileSource
        let orders: any DeadlineBoundOrderSource

        init?(profiles: any ProfileSource, orders: any OrderSource) {
            guard let profiles = profiles as? any DeadlineBoundProfileSource, let orders = orders as? any DeadlineBoundOrderSource
            else { return nil }
            self.profiles = profiles
            self.orders = orders
        }
    }

    /// Which sources answer from memory (``ImmediateLookup``). A dynamic cast to a protocol costs about a
    /// thousand instructions: it is made once per source, not once per lookup.
    struct SourcesFromMemory {
        let profiles: Bool
        let orders: Bool
        let archetypes: Bool
        let recommendations: Bool

        init(profiles: any ProfileSource, orders: any OrderSource, archetypes: (any ArchetypeSource)?, recommendations: (any RecommendationSource)?) {
            self.profiles = profiles is any ImmediateLookup
            self.orders = orders is any ImmediateLookup
            self.archetypes = archetypes is any ImmediateLookup
            self.recommendations = recommendations is any ImmediateLookup
        }

        /// Both the profile and the orders: their lookups then take microseconds, and child tasks would
        /// cost more than the lookups.
        var profilesAndOrders: Bool { profiles && orders }
    }

    init(
        profiles: any ProfileSource, orders: any OrderSource, archetypes: (any ArchetypeSource)?,
        recommendations: (any RecommendationSource)?, recentOrderLimit: Int
    ) {
        self.profiles = profiles
        self.orders = orders
        self.archetypes = archetypes
        self.recommendations = recommendations
        self.recentOrderLimit = recentOrderLimit
        fromMemory = SourcesFromMemory(profiles: profiles, orders: orders, archetypes: archetypes, recommendations: recommendations)
        deadlineBound = DeadlineBoundSources(profiles: profiles, orders: orders)
    }

    struct Gathered: Sendable {
        var profile: CustomerProfile?
        var archetype: Archetype?
        var orders: [Order]
        var recommendedItems: [String] = []
        /// The distinct items of `orders`.
        var itemsBought: [String] = []
        var degraded: [String]
    }

    func gather(for reference: CustomerReference, until deadline: ContinuousClock.Instant) async -> Gathered {
        let (profileOutcome, ordersOutcome) = await profileAndOrders(of: reference, until: deadline)
        var gathered = Gathered(profile: nil, archetype: nil, orders: [], degraded: [])
        switch profileOutcome {
        case .value(let profile): gathered.profile = profile
        case .unavailable: gathered.degraded.append(SourceName.profile)
        }
        if let archetypeID = gathered.profile?.archetypeID, let archetypes {
            switch await retry.run(fromMemory: fromMemory.archetypes, until: deadline, { try await archetypes.archetype(id: archetypeID) }) {
            case .value(let archetype): gathered.archetype = archetype
            case .unavailable: gathered.degraded.append(SourceName.archetype)
            }
        }
        switch ordersOutcome {
        case .value(let recent): gathered.orders = recent
        case .unavailable: gathered.degraded.append(SourceName.orders)
        }
        gathered.itemsBought = gathered.orders.distinctItems
        let bought = gathered.itemsBought
        if let recommendations, !bought.isEmpty {
            let limit = Self.recommendedItemLimit
            switch await retry.run(fromMemory: fromMemory.recommendations, until: deadline, { try await recommendations.recommendations(for: bought, limit: limit) }) {
            case .value(let items): gathered.recommendedItems = items
            case .unavailable: gathered.degraded.append(SourceName.recommendations)
            }
        }
        return gathered
    }

    /// The profile and the recent orders: one after the other when both sources answer from memory
    /// (``SourcesFromMemory/profilesAndOrders``); both started, then awaited, when both are deadline-bound
    /// (no task for either: ``lookedUpTogether(_:of:until:)``); otherwise concurrently, each in a child task.
    private func profileAndOrders(
        of reference: CustomerReference, until deadline: ContinuousClock.Instant
    ) async -> (LookupRetry.Outcome<CustomerProfile?>, LookupRetry.Outcome<[Order]>) {
        if let deadlineBound, !fromMemory.profilesAndOrders {
            return await lookedUpTogether(deadlineBound, of: reference, until: deadline)
        }
        let profiles = profiles
        let orders = orders
        let limit = recentOrderLimit
        // Copied out so that the closures capture these, not the whole gatherer (2.7 thousand instructions
        // a ticket more under callgrind).
        let fromMemory = fromMemory
        let lookUpProfile = { @Sendable in
            await retry.run(fromMemory: fromMemory.profiles, until: deadline) { try await profiles.profile(for: reference) }
        }
        let lookUpOrders = { @Sendable in
            await retry.run(fromMemory: fromMemory.orders, until: deadline) { try await orders.recentOrders(for: reference, limit: limit) }
        }
        if fromMemory.profilesAndOrders {
            return (await lookUpProfile(), await lookUpOrders())
        }
        async let profileOutcome = lookUpProfile()
        async let ordersOutcome = lookUpOrders()
        return (await profileOutcome, await ordersOutcome)
    }

    /// Starts both lookups, then awaits each: both are in flight together, without a child task each (over
    /// PostgreSQL and Redis, the child tasks and the tasks racing each lookup against the deadline cost the
    /// worker about a third of its processor time a ticket). A transient failure is retried within the
    /// deadline; when both failed so (a store outage), side by side, so that neither waits out the other's
    /// back-off.
    private func lookedUpTogether(
        _ sources: DeadlineBoundSources, of reference: CustomerReference, until deadline: ContinuousClock.Instant
    ) async -> (LookupRetry.Outcome<CustomerProfile?>, LookupRetry.Outcome<[Order]>) {
        let limit = recentOrderLimit
        let profile = sources.profiles.startProfileLookup(for: reference, until: deadline)
        let orders = sources.orders.startRecentOrdersLookup(for: reference, limit: limit, until: deadline)
        let firstProfile = await Result { try await profile.value() }
        let firstOrders = await Result { try await orders.value() }
        // The usual case takes no retry closures (two allocations a ticket).
        if case .success(let found) = firstProfile, case .success(let recent) = firstOrders { return (.value(found), .value(recent)) }
        let retry = retry
        let profileAgain = { @Sendable in sources.profiles.startProfileLookup(for: reference, until: deadline) }
        let ordersAgain = { @Sendable in sources.orders.startRecentOrdersLookup(for: reference, limit: limit, until: deadline) }
        if LookupRetry.isRetried(firstProfile) && LookupRetry.isRetried(firstOrders) {
            async let profileOutcome = retry.finish(after: firstProfile, until: deadline, again: profileAgain)
            async let ordersOutcome = retry.finish(after: firstOrders, until: deadline, again: ordersAgain)
            return (await profileOutcome, await ordersOutcome)
        }
        return (
            await retry.finish(after: firstProfile, until: deadline, again: profileAgain),
            await retry.finish(after: firstOrders, until: deadline, again: ordersAgain)
        )
    }
}
