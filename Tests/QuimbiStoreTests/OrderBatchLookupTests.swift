import Foundation
import QuimbiCore
import QuimbiResilience
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Concurrent order lookups share batched queries, and each still gets exactly its own customer's
/// newest orders, by id or by e-mail, up to its own limit.
@Suite(.enabled(if: TestServers.available))
struct OrderBatchLookupTests {
    static let customers = (0..<24).map { "c\($0)" }

    /// Customer `cN` has N orders, one a day, with an item and a tracking number each.
    static func orders(of customer: String, count: Int) -> [Order] {
        (0..<count).map { day in
            Order(
                id: "\(customer)-o\(day)", customerID: customer, createdAt: StoreFixture.origin.addingTimeInterval(Double(day) * StoreFixture.day),
                total: Double(day + 1), lineItems: [LineItem(title: "Thread \(day)", quantity: 1, unitPrice: Double(day + 1))],
                tracking: [Tracking(company: "UPS", number: "1Z\(day)")])
        }
    }

    static func seeded() async throws -> (StoreFixture, [String: [Order]]) {
        let fixture = try await StoreFixture.make()
        let byCustomer = Dictionary(uniqueKeysWithValues: customers.enumerated().map { ($1, orders(of: $1, count: $0 % 7)) })
        let people = customers.map { Customer(id: $0, email: "\($0.uppercased())@Example.com", firstName: nil, lastName: nil, createdAt: StoreFixture.origin) }
        try await StoreWriter(pool: fixture.pool).write(customers: people, orders: byCustomer.values.flatMap { $0 })
        return (fixture, byCustomer)
    }

    @Test func concurrentLookupsShareQueriesAndEachGetsItsOwnNewestOrders() async throws {
        let (fixture, byCustomer) = try await Self.seeded()
        let repository = OrderRepository(pool: fixture.pool)
        // Every customer by id (limit 2) and by e-mail (limit 5), plus an unknown one, all at once.
        let lookups = Self.customers.flatMap { id in
            [(id, CustomerReference(customerID: id, email: nil), 2), (id, CustomerReference(customerID: nil, email: "\(id)@example.com"), 5)]
        } + [("nobody", CustomerReference(customerID: "nobody", email: nil), 5)]
        let results = try await withThrowingTaskGroup(of: (Int, [Order]).self) { group in
            for (index, lookup) in lookups.enumerated() {
                group.addTask { (index, try await repository.recentOrders(for: lookup.1, limit: lookup.2)) }
            }
            return try await group.reduce(into: [Int: [Order]]()) { $0[$1.0] = $1.1 }
        }
        for (index, (id, _, limit)) in lookups.enumerated() {
            let expected = Array((byCustomer[id] ?? []).sorted { $0.createdAt > $1.createdAt }.prefix(limit))
            #expect(results[index] == expected, "lookup \(index): \(id), limit \(limit)")
        }
        #expect(repository.counter.snapshot.postgresQueries < lookups.count)
    }

    /// The query's rows are not sorted as a whole: each customer's still come newest first, ties under the greater id,
    /// among other customers' in the same batch.
    @Test func ordersPlacedAtTheSameInstantComeUnderTheGreaterIDFirst() async throws {
        let fixture = try await StoreFixture.make()
        let people = ["tie", "other"].map { Customer(id: $0, email: "\($0)@example.com", firstName: nil, lastName: nil, createdAt: StoreFixture.origin) }
        let instant = StoreFixture.origin.addingTimeInterval(StoreFixture.day)
        let ties = ["t-b", "t-d", "t-a", "t-c"].map { Order(id: $0, customerID: "tie", createdAt: instant, total: 1) }
        let later = Order(id: "t-0", customerID: "tie", createdAt: instant.addingTimeInterval(1), total: 2)
        let others = (0..<3).map { Order(id: "o\($0)", customerID: "other", createdAt: instant.addingTimeInterval(Double($0)), total: 3) }
        try await StoreWriter(pool: fixture.pool).write(customers: people, orders: ties + [later] + others)
        let repository = OrderRepository(pool: fixture.pool)
        async let tied = repository.recentOrders(for: CustomerReference(customerID: "tie", email: nil), limit: 4)
        async let other = repository.recentOrders(for: CustomerReference(customerID: nil, email: "other@example.com"), limit: 5)
        #expect(try await tied.map(\.id) == ["t-0", "t-d", "t-c", "t-b"])
        #expect(try await other.map(\.id) == ["o2", "o1", "o0"])
    }

    @Test func aKeyThatBreaksTheBatchFailsOnlyItsOwnLookup() async throws {
        let (fixture, byCustomer) = try await Self.seeded()
        let repository = OrderRepository(pool: fixture.pool)
        // A NUL cuts libpq's parameter short: the array literal is malformed and the batch's query fails.
        let ids = Array(Self.customers.prefix(6)) + ["bad\u{0}"]
        let outcomes = await withTaskGroup(of: (String, Result<[Order], any Error>).self) { group in
            for id in ids {
                group.addTask {
                    (id, await Result(catching: { try await repository.recentOrders(for: CustomerReference(customerID: id, email: nil), limit: 10) }))
                }
            }
            return await group.reduce(into: [String: Result<[Order], any Error>]()) { $0[$1.0] = $1.1 }
        }
        for id in ids.dropLast() {
            #expect((try? outcomes[id]?.get())?.count == byCustomer[id]?.count, "\(id)")
        }
        guard case .failure(let error) = outcomes["bad\u{0}"] else {
            Issue.record("the bad key did not fail")
            return
        }
        #expect((error as? LookupError)?.code == "postgres_query_failed")
    }
}
