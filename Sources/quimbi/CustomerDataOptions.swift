import ArgumentParser
import Foundation
import Logging
import QuimbiCore
import QuimbiMetrics
import QuimbiResilience
import QuimbiShopify
import QuimbiStore
import QuimbiWorker
import ServiceLifecycle

/// Where the worker and the API read customers from:
/// - `--postgres` (with an optional `--redis` cache): profiles, orders and archetypes from the store;
/// - `--shopify-store` / `--shopify-url`: orders live from Shopify (profiles still from the store);
/// - neither: the generated sample store, in memory.
/// Recommended items come from the store's co-purchase affinities (PostgreSQL or in memory).
struct CustomerDataOptions: ParsableArguments {
    @OptionGroup var store: StoreConnectionOptions
    @OptionGroup var shopify: ShopifyOptions
    @OptionGroup var sampleStore: SampleStoreOptions

    @Option(help: "PostgreSQL connections in the pool (QUIMBI_POSTGRES_POOL_SIZE).")
    var postgresPoolSize: Int = EnvironmentDefaults.int("QUIMBI_POSTGRES_POOL_SIZE", default: 8)

    @Option(help: "Redis connections in the pool (QUIMBI_REDIS_POOL_SIZE).")
    var redisPoolSize: Int = EnvironmentDefaults.int("QUIMBI_REDIS_POOL_SIZE", default: 4)

    func validate() throws {
        guard (1...256).contains(postgresPoolSize), (1...256).contains(redisPoolSize) else {
            throw ValidationError("--postgres-pool-size and --redis-pool-size must be 1…256")
        }
        if store.configuredRedisURL != nil, store.configuredPostgresURL == nil {
            throw ValidationError("--redis caches PostgreSQL: pass --postgres too")
        }
    }

    /// Whether customers and their orders are looked up in PostgreSQL (behind Redis or not), not in memory or Shopify.
    var looksUpInPostgres: Bool {
        store.configuredPostgresURL != nil && !shopify.isConfigured()
    }

    /// Where customers are read from, for reports: e.g. `postgres+redis, orders from shopify`.
    var sourceDescription: String {
        let base = store.configuredPostgresURL == nil
            ? "sample store (\(sampleStore.customers) customers)"
            : store.configuredRedisURL == nil ? "postgres" : "postgres+redis"
        return shopify.isConfigured() ? base + ", orders from shopify" : base
    }

    /// Longest the first load of archetypes and affinities may hold up start-up.
    static let segmentationLoadBound = Duration.seconds(5)

    /// Opens the configured sources. Call ``CustomerData/shutdown()`` when done.
    func open(logger: Logger) async throws -> CustomerData {
        let shopifyConfiguration = try shopify.configuration()
        if let postgresURL = store.configuredPostgresURL {
            let pool = PostgresPool(url: postgresURL, size: postgresPoolSize, logger: logger)
            let redis = try store.configuredRedisURL.map { try RedisPool(url: $0, size: redisPoolSize, logger: logger) }
            let profiles = ProfileRepository(pool: pool, redis: redis)
            let shopifyOrders = shopifyConfiguration.map { configuration in
                ShopifyOrderSource(
                    configuration: configuration,
                    cache: redis.map { SharedOrdersCache(store: $0) as any OrdersCache } ?? InMemoryOrdersCache(), logger: logger)
            }
            let segmentation = SegmentationSnapshot()
            let refresher = SegmentationRefresher(snapshot: segmentation, pool: pool, logger: logger)
            // A database that does not answer at start leaves the snapshot to the refresher's retries.
            _ = try? await Deadline.run(until: .now + Self.segmentationLoadBound) { await refresher.refresh() }
            logger.info("customer data from PostgreSQL", metadata: [
                "redis": "\(redis != nil)", "orders": "\(shopifyOrders == nil ? "postgres" : "shopify")",
                "segmentation_loaded": "\(segmentation.isLoaded)",
            ])
            return CustomerData(
                profiles: profiles, orders: shopifyOrders ?? OrderRepository(pool: pool) as any OrderSource,
                archetypes: segmentation, recommendations: segmentation, sample: nil, postgres: pool, postgresProfiles: profiles, redis: redis,
                shopify: shopifyOrders, segmentationRefresher: refresher,
                cacheCounts: { let statistics = profiles.statistics; return (statistics.cacheHits, statistics.cacheMisses) })
        }
        let data = try sampleStore.load(asOf: Date(), logger: logger)
        let shopifyOrders = shopifyConfiguration.map { ShopifyOrderSource(configuration: $0, logger: logger) }
        return CustomerData(
            profiles: data, orders: shopifyOrders ?? data as any OrderSource, archetypes: data, recommendations: data, sample: data,
            postgres: nil, postgresProfiles: nil, redis: nil, shopify: shopifyOrders, segmentationRefresher: nil, cacheCounts: nil)
    }
}

/// The opened customer sources and what must be closed after them.
struct CustomerData: Sendable {
    var profiles: any ProfileSource
    var orders: any OrderSource
    var archetypes: any ArchetypeSource
    var recommendations: any RecommendationSource
    var sample: InMemoryCustomerData?
    var postgres: PostgresPool?
    var postgresProfiles: ProfileRepository?
    var redis: RedisPool?
    var shopify: ShopifyOrderSource?
    /// Reloads the archetypes and affinities from PostgreSQL while a long-running command runs.
    var segmentationRefresher: (any Service)?
    /// Profile cache hits and misses so far, when a Redis cache is in use.
    var cacheCounts: (@Sendable () -> (hits: Int, misses: Int))?

    /// `/readyz` checks of the stores: PostgreSQL answers `SELECT 1`, Redis a round trip; with the
    /// in-memory sample store, a profile lookup.
    var readiness: [any ReadinessCheck] {
        var checks: [any ReadinessCheck] = []
        if let postgres {
            checks.append(ReadinessProbe(name: "postgres") { try await postgres.ping() })
        } else {
            checks.append(ProfileSourceReadiness(profiles: profiles))
        }
        if let redis {
            checks.append(ReadinessProbe(name: "redis") { _ = try await redis.mget(["quimbi:readiness"]) })
        }
        return checks
    }

    /// What keeps the sources current and measured while a long-running command runs: the reloading
    /// of archetypes and affinities, and the cache metrics, where they apply.
    func backgroundServices(registry: MetricsRegistry) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let segmentationRefresher { services.append(.init(service: segmentationRefresher)) }
        if let cacheCounts { services.append(.init(service: CacheMetricsSampler(registry: registry, counts: cacheCounts))) }
        return services
    }

    /// Up to `limit` customer ids that have a profile, for generated benchmark tickets.
    func customerIDs(limit: Int) async throws -> [String] {
        if let postgresProfiles { return try await postgresProfiles.customerIDs(limit: limit) }
        return sample?.sampleCustomerIDs(limit: limit) ?? []
    }

    /// Closes the HTTP and database connections.
    func shutdown() async {
        try? await shopify?.shutdown()
        await postgres?.close()
    }
}
