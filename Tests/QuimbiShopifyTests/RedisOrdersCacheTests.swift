import Foundation
import QuimbiCore
import QuimbiStore
import QuimbiTestSupport
import ShopifyFake
import Testing
@testable import QuimbiShopify

/// Worker replicas sharing the orders cache in Redis.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct RedisOrdersCacheTests {
    @Test func twoReplicasShareOneShopifyCallAndARedisOutageFallsBackToShopify() async throws {
        let redisServer = try RedisTestServer()
        defer { redisServer.destroy() }
        let redis = try RedisPool(url: redisServer.url, backoff: .milliseconds(50)...(.milliseconds(100)))
        let server = try await FakeShopifyServer.start(customers: [seedCustomer])
        let configuration = try ShopifyConfiguration(store: nil, url: server.baseURL, token: "shpat_test", environment: [:], cacheTTL: .seconds(30))
        let prefix = "test-\(UUID().uuidString)"
        let replicas = (0..<2).map { _ in
            ShopifyOrderSource(configuration: configuration, cache: SharedOrdersCache(store: redis, keyPrefix: prefix))
        }
        let first = try await replicas[0].recentOrders(for: seedReference, limit: 3)
        let second = try await replicas[1].recentOrders(for: seedReference, limit: 3)
        #expect(first.map(\.id) == ["5003", "5002", "5001"] && second == first)
        #expect(server.requestCount == 1, "the second replica read the first one's answer from Redis")

        redisServer.stop()
        let duringOutage = try await replicas[1].recentOrders(for: CustomerReference(customerID: nil, email: "jane@example.com"), limit: 3)
        #expect(duringOutage == first, "a dead Redis is a cache miss, not a failed lookup")
        #expect(server.requestCount == 2)
        for replica in replicas { try await replica.shutdown() }
        try await server.stop()
    }
}
