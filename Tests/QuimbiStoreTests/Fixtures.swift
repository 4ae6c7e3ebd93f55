import Foundation
import QuimbiCore
import QuimbiTestSupport
@testable import QuimbiStore

/// A migrated fresh database, the shared Redis and sample data.
struct StoreFixture {
    /// The database's URL.
    let url: String
    let pool: PostgresPool
    let redis: RedisPool
    let options: ProfileCacheOptions

    static func make(postgresURL: String? = nil, redisURL: String? = nil) async throws -> StoreFixture {
        let databaseURL: String
        if let postgresURL { databaseURL = postgresURL } else { databaseURL = try await TestServers.freshPostgresDatabase() }
        let pool = PostgresPool(url: databaseURL, size: 4)
        try await Migrator(pool: pool).migrate()
        let redis = try RedisPool(url: try redisURL ?? TestServers.redisURL(), backoff: .milliseconds(50)...(.milliseconds(200)))
        var options = ProfileCacheOptions()
        options.keyPrefix = "test-\(UUID().uuidString)"
        return StoreFixture(url: databaseURL, pool: pool, redis: redis, options: options)
    }

    func repository() -> ProfileRepository {
        ProfileRepository(pool: pool, redis: redis, options: options)
    }

    static let day: TimeInterval = 86_400
    static let origin = Date(timeIntervalSince1970: 1_700_000_000)

    static func profile(_ id: String, archetype: String = "arch_000001", ltv: Double = 179.42) -> CustomerProfile {
        CustomerProfile(
            customerID: id, archetypeID: archetype, lifetimeValue: ltv, totalOrders: 3, avgOrderValue: ltv / 3,
            firstPurchaseAt: origin, lastPurchaseAt: origin.addingTimeInterval(100 * day), churnRiskScore: 0.71,
            pAlive: 0.4, expectedPurchases90d: 0.2, predictedValue365d: 55)
    }

    static let archetype = Archetype(
        id: "arch_000001", label: "Occasional standard-value buyer, cooling down",
        dimensions: ["value": "standard", "frequency": "occasional"], members: 2, avgLifetimeValue: 179.42,
        avgOrders: 3, churnDistribution: ["low": 0.2, "medium": 0.3, "high": 0.5],
        behaviours: ["Buys thread in bulk"], strategy: ["Offer a retention discount"])

    /// Writes customers with e-mails and a segmentation run with their profiles.
    func seed(_ ids: [String]) async throws {
        let customers = ids.map { Customer(id: $0, email: "\($0)@example.com", firstName: "Ada", lastName: "L", createdAt: Self.origin) }
        try await StoreWriter(pool: pool).write(customers: customers, orders: [])
        try await SegmentationWriter(pool: pool).write(
            profiles: ids.map { Self.profile($0) }, archetypes: [Self.archetype],
            run: SegmentationRun(startedAt: Self.origin, finishedAt: Self.origin))
    }
}
