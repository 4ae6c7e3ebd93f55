import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

@Suite(.enabled(if: TestServers.available))
struct ProfileRepositoryTests {
    @Test func firstLookupReadsPostgresSecondReadsRedis() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1", "c2"])
        let repository = fixture.repository()

        let first = try await repository.profiles(for: [.id("c1"), .id("c2")])
        #expect(first[.id("c1")] == StoreFixture.profile("c1"))
        #expect(repository.statistics.postgresQueries == 1)

        let second = try await repository.profiles(for: [.id("c1"), .id("c2")])
        #expect(second == first)
        #expect(repository.statistics.postgresQueries == 1)
        #expect(repository.statistics.cacheHits == 2)
    }

    @Test func cachedProfilesLiveTwentyFourHours() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1"])
        _ = try await fixture.repository().profiles(for: [.id("c1")])
        let key = ProfileKey.id("c1").cacheKey(prefix: fixture.options.keyPrefix, generation: 1)
        let ttl = try await fixture.redis.pipeline([["TTL", key]])
        guard case .integer(let seconds)? = ttl.first else { Issue.record("no TTL reply: \(ttl)"); return }
        #expect(seconds > 86_000 && seconds <= 86_400)
    }

    @Test func unknownCustomerIsCachedAsUnknownBriefly() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1"])
        let repository = fixture.repository()
        #expect(try await repository.profiles(for: [.id("ghost")]).isEmpty)
        #expect(try await repository.profiles(for: [.id("ghost")]).isEmpty)
        #expect(repository.statistics.postgresQueries == 1)
        let key = ProfileKey.id("ghost").cacheKey(prefix: fixture.options.keyPrefix, generation: 1)
        let reply = try await fixture.redis.pipeline([["GET", key], ["TTL", key]])
        #expect(reply.first == .string("unknown"))
        guard case .integer(let seconds)? = reply.last else { Issue.record("no TTL reply"); return }
        #expect(seconds > 0 && seconds <= 300)
    }

    @Test func newSegmentationRunMissesOldKeys() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1"])
        let repository = fixture.repository()
        _ = try await repository.profiles(for: [.id("c1")])
        var changed = StoreFixture.profile("c1", archetype: "arch_000002", ltv: 500)
        changed.totalOrders = 5
        try await SegmentationWriter(pool: fixture.pool).write(
            profiles: [changed], archetypes: [StoreFixture.archetype],
            run: SegmentationRun(startedAt: .now, finishedAt: .now))
        repository.refreshGeneration()
        let after = try await repository.profiles(for: [.id("c1")])
        #expect(after[.id("c1")] == changed)
        #expect(repository.statistics.postgresQueries == 2)
    }

    @Test func lookupByEmailIsCaseInsensitive() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1"])
        let profile = try await fixture.repository().profile(for: CustomerReference(customerID: nil, email: "C1@Example.COM"))
        #expect(profile?.customerID == "c1")
    }

    @Test(arguments: [
        "'; DROP TABLE customer_profiles; --", "c1' OR '1'='1", "\"},{\"", "{a,b}", "\\", "ид-客户-🧵",
        String(repeating: "x", count: 10_000), "NULL", "",
    ])
    func hostileIDsAreTreatedAsPlainIDs(id: String) async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1", "ид-客户-🧵"])
        let repository = fixture.repository()
        let result = try await repository.profile(for: CustomerReference(customerID: id, email: nil))
        #expect(result?.customerID == (id == "ид-客户-🧵" ? id : nil))
        #expect(try await repository.profiles(for: [.id("c1")])[.id("c1")] != nil, "table still intact")
    }

    @Test func concurrentSingleLookupsAreCoalesced() async throws {
        let fixture = try await StoreFixture.make()
        let ids = (0..<64).map { "c\($0)" }
        try await fixture.seed(ids)
        let repository = fixture.repository()
        let found = try await withThrowingTaskGroup(of: CustomerProfile?.self) { group in
            for id in ids { group.addTask { try await repository.profile(for: CustomerReference(customerID: id, email: nil)) } }
            return try await group.reduce(into: 0) { $0 += $1 == nil ? 0 : 1 }
        }
        #expect(found == ids.count)
        #expect(repository.statistics.postgresQueries < ids.count)
        #expect(repository.statistics.redisBatches < ids.count)
    }

    @Test func customerIDsListsProfiledCustomersInIdOrder() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c3", "c1", "c2", "c0"])
        #expect(try await fixture.repository().customerIDs(limit: 3) == ["c0", "c1", "c2"])
        try await fixture.pool.ping()
    }
}
