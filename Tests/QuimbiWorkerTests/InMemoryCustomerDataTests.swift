import Foundation
import QuimbiCore
import Testing
@testable import QuimbiWorker

/// ``InMemoryCustomerData`` keeps its profiles sorted by customer id and finds them by binary search: every
/// customer must be found (the last of its profiles when given several), no other id, also between,
/// before and after the known ones.
@Suite struct InMemoryCustomerDataTests {
    private static func profile(_ id: String, lifetimeValue: Double) -> CustomerProfile {
        CustomerProfile(
            customerID: id, archetypeID: "a", lifetimeValue: lifetimeValue, totalOrders: 1, avgOrderValue: lifetimeValue,
            firstPurchaseAt: Date(timeIntervalSince1970: 0), lastPurchaseAt: Date(timeIntervalSince1970: 0), churnRiskScore: 0.5)
    }

    @Test func findsEveryCustomersLastProfileAndNoOtherID() async throws {
        var random = SplitMix64(state: 31)
        var profiles: [CustomerProfile] = []
        for index in 0..<2_000 {
            let id = String(random.next(below: 1_500) * 2 + 10)  // even numbers: odd ones lie between them
            profiles.append(Self.profile(id, lifetimeValue: Double(index)))
        }
        let expected = Dictionary(profiles.map { ($0.customerID, $0) }, uniquingKeysWith: { _, last in last })
        let data = InMemoryCustomerData(customers: [], orders: [], profiles: profiles, archetypes: [])

        #expect(data.profileCount == expected.count)
        for (id, profile) in expected {
            #expect(try await data.profile(for: CustomerReference(customerID: id, email: nil)) == profile, "customer \(id)")
        }
        for id in ["", "0", "9", "11", "2999", "3011", "99999", "x"] + (0..<200).map({ _ in String(random.next(below: 1_500) * 2 + 11) }) {
            #expect(try await data.profile(for: CustomerReference(customerID: id, email: nil)) == nil, "customer \(id)")
        }
        #expect(data.sampleCustomerIDs(limit: 50) == Array(expected.keys.sorted().prefix(50)))
    }

    @Test func findsAProfileByTheCustomersEmail() async throws {
        let customers = [Customer(id: "c2", email: "Ann@Example.com", firstName: nil, lastName: nil, createdAt: Date())]
        let data = InMemoryCustomerData(
            customers: customers, orders: [], profiles: [Self.profile("c1", lifetimeValue: 1), Self.profile("c2", lifetimeValue: 2)], archetypes: [])

        #expect(try await data.profile(for: CustomerReference(customerID: nil, email: "ann@example.com"))?.customerID == "c2")
        #expect(try await data.profile(for: CustomerReference(customerID: nil, email: "bob@example.com")) == nil)
        #expect(try await data.profile(for: CustomerReference(customerID: nil, email: nil)) == nil)
    }

    @Test func anEmptyStoreFindsNobody() async throws {
        let data = InMemoryCustomerData(customers: [], orders: [], profiles: [], archetypes: [])
        #expect(try await data.profile(for: CustomerReference(customerID: "1", email: nil)) == nil)
        #expect(data.sampleCustomerIDs(limit: 5).isEmpty)
    }
}
