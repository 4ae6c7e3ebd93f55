import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Stops and restarts private servers mid-stream, so other suites keep their shared ones.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct OutageTests {
    static func lookUpAll(_ repository: ProfileRepository, _ ids: [String]) async -> (found: Int, errors: [any Error]) {
        await withTaskGroup(of: Result<CustomerProfile?, any Error>.self) { group in
            for id in ids {
                group.addTask {
                    do { return .success(try await repository.profile(for: CustomerReference(customerID: id, email: nil))) }
                    catch { return .failure(error) }
                }
            }
            var found = 0
            var errors: [any Error] = []
            for await result in group {
                switch result {
                case .success(let profile): found += profile == nil ? 0 : 1
                case .failure(let error): errors.append(error)
                }
            }
            return (found, errors)
        }
    }

    @Test func redisOutageFallsBackToPostgresAndRecovers() async throws {
        let redisServer = try RedisTestServer()
        defer { redisServer.destroy() }
        let fixture = try await StoreFixture.make(redisURL: redisServer.url)
        let ids = (0..<50).map { "c\($0)" }
        try await fixture.seed(ids)
        let repository = fixture.repository()
        #expect(await Self.lookUpAll(repository, ids).found == ids.count)

        redisServer.stop()
        let duringOutage = await Self.lookUpAll(repository, ids)
        #expect(duringOutage.errors.isEmpty)
        #expect(duringOutage.found == ids.count)
        let queriesDuringOutage = repository.statistics.postgresQueries

        try redisServer.start()
        try await Task.sleep(for: .milliseconds(300))  // let the breaker's back-off (≤ 200 ms) pass
        _ = await Self.lookUpAll(repository, ids)  // repopulates the empty, restarted Redis
        let before = repository.statistics
        let afterRecovery = await Self.lookUpAll(repository, ids)
        #expect(afterRecovery.found == ids.count)
        #expect(repository.statistics.postgresQueries == before.postgresQueries, "served from Redis again")
        #expect(repository.statistics.cacheHits - before.cacheHits == ids.count)
        #expect(queriesDuringOutage > 1)
    }

    @Test func postgresOutageGivesTransientErrorsThenPoolRecovers() async throws {
        let postgresServer = try await PostgresTestServer.started()
        defer { postgresServer.destroy() }
        let fixture = try await StoreFixture.make(postgresURL: try await postgresServer.freshDatabase())
        try await fixture.seed(["c1", "c2"])
        let noCache = ProfileRepository(pool: fixture.pool, redis: nil, options: fixture.options)
        #expect(try await noCache.profile(for: CustomerReference(customerID: "c1", email: nil)) != nil)

        try postgresServer.stop()
        let outage = await Self.lookUpAll(noCache, ["c1", "c2"])
        #expect(outage.errors.count == 2)
        for error in outage.errors {
            let lookupError = try #require(error as? LookupError)
            #expect(lookupError.isTransient)
            #expect(lookupError.code == "postgres_unavailable")
        }
        await #expect(throws: LookupError.self) {
            try await OrderRepository(pool: fixture.pool).recentOrders(for: CustomerReference(customerID: "c1", email: nil), limit: 5)
        }

        try postgresServer.start()
        let recovered = await Self.lookUpAll(noCache, ["c1", "c2"])
        #expect(recovered.errors.isEmpty)
        #expect(recovered.found == 2)
    }
}
