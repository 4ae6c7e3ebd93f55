import Foundation
import QuimbiCore
import QuimbiSegmentation
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The co-purchase affinities in PostgreSQL: counted from the orders table as in memory, replaced
/// whole, and ranked by the same rule as ``ItemAffinities``.
@Suite(.enabled(if: TestServers.available))
struct ItemAffinityRepositoryTests {
    static func order(_ id: String, _ customer: String, _ items: [(String, String?)]) -> Order {
        Order(id: id, customerID: customer, createdAt: StoreFixture.origin, total: 10,
              lineItems: items.map { LineItem(title: $0.0, variant: $0.1, quantity: 1, unitPrice: 5) })
    }

    static let orders = [
        order("1", "a", [("Cotton Thread 50wt", "Cream"), ("Cotton Thread 50wt", "Silver")]),
        order("2", "b", [("Cotton Thread 50wt", "Cream")]), order("3", "b", [("Cotton Thread 50wt", "Silver"), ("Pins \"glass\", 100", nil)]),
        order("4", "c", [("Cotton Thread 50wt", "Cream"), ("Cotton Thread 50wt", "Navy"), ("Pins \"glass\", 100", nil)]),
        order("5", "d", [("Cotton Thread 50wt", "Navy")]), order("6", "e", [("Seam ripper", "Default")]),
        // Bought again: a customer's items count once however often they were bought.
        order("7", "c", [("Pins \"glass\", 100", nil), ("Cotton Thread 50wt", "Cream")]),
    ]

    @Test func affinitiesRoundTripAndRankAsInMemory() async throws {
        let fixture = try await StoreFixture.make()
        let customers = Set(Self.orders.map(\.customerID)).map {
            Customer(id: $0, email: nil, firstName: nil, lastName: nil, createdAt: StoreFixture.origin)
        }
        _ = try await StoreWriter(pool: fixture.pool).write(customers: customers, orders: Self.orders)
        let repository = ItemAffinityRepository(pool: fixture.pool)
        var inMemory = CoPurchaseCounter()
        for order in Self.orders { inMemory.add(order) }
        let expected = inMemory.affinities()
        let counted = try await repository.coPurchases().affinities()
        #expect(counted == expected)
        // Pins: bought by b and c; Cream by a, b and c (c twice); together by b and c.
        #expect(counted.companions["Pins \"glass\", 100"]?.first == ItemCompanion(item: "Cotton Thread 50wt — Cream", score: 2 / 6.0.squareRoot()))

        try await repository.write(ItemAffinities(companions: ["stale": [ItemCompanion(item: "old", score: 1)]], popular: ["stale", "old"]))
        try await repository.write(counted)
        for bought in [["Cotton Thread 50wt — Cream"], ["Cotton Thread 50wt — Navy", "Pins \"glass\", 100"], ["Seam ripper — Default"], ["nothing known"], []] {
            let stored = try await repository.recommendations(for: bought, limit: 3)
            #expect(stored == expected.recommend(for: bought, limit: 3), "\(bought)")
            #expect(!stored.contains("stale") && stored.allSatisfy { !bought.contains($0) })
        }
    }
}
