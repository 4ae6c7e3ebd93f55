import Foundation
import QuimbiCore

/// Customer profiles from PostgreSQL behind a Redis cache (cache-aside).
///
/// A batch costs one Redis MGET and, for the misses, one PostgreSQL `= ANY($1)` query; found
/// profiles are written back with a 24 h TTL, unknown customers as `unknown` for a short time.
/// Keys carry the cache generation of the last segmentation run. Concurrent single lookups
/// (``profile(for:)``) are coalesced into shared batches; a lookup given a deadline ends by it. Redis
/// failures only cost speed; PostgreSQL failures throw a transient ``LookupError``.
public final class ProfileRepository: DeadlineBoundProfileSource {
    private let loader: CachedProfileLoader
    private let pool: PostgresPool
    private let batcher: LookupBatcher<ProfileKey, CustomerProfile>

    /// Creates a repository; pass `redis: nil` to read PostgreSQL directly.
    public init(pool: PostgresPool, redis: RedisPool?, options: ProfileCacheOptions = ProfileCacheOptions()) {
        let loader = CachedProfileLoader(
            pool: pool, redis: redis, options: options,
            generation: CacheGeneration(pool: pool, refresh: options.generationRefresh))
        self.loader = loader
        self.pool = pool
        // A query error (not an outage) may come from one bad key: the batch is then tried key by key.
        self.batcher = LookupBatcher(
            maxBatch: options.maxBatch, splitsOnFailure: { ($0 as? LookupError)?.isTransient == false }
        ) { try await loader.load($0) }
    }

    /// Counters since creation.
    public var statistics: StoreStatistics { loader.counter.snapshot }

    /// The referenced customer's profile, coalesced with concurrent lookups; `nil` when unknown.
    public func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        guard let key = ProfileKey(customer) else { return nil }
        return try await batcher.lookup(key)
    }

    /// Starts a lookup coalesced with concurrent ones, which ends by `deadline`.
    public func startProfileLookup(for customer: CustomerReference, until deadline: ContinuousClock.Instant) -> PendingLookup<CustomerProfile?> {
        guard let key = ProfileKey(customer) else { return PendingLookup { nil } }
        return batcher.start(key, until: deadline)
    }

    /// Profiles for a batch of keys in one round trip per store; absent keys are unknown customers.
    public func profiles(for keys: [ProfileKey]) async throws(LookupError) -> [ProfileKey: CustomerProfile] {
        try await loader.load(Array(Set(keys)))
    }

    /// Up to `limit` ids of customers that have a profile, in id order (for generated benchmark tickets).
    public func customerIDs(limit: Int) async throws -> [String] {
        let result = try await pool.query(
            "SELECT customer_id FROM customer_profiles ORDER BY customer_id LIMIT $1", [String(max(0, limit))])
        return result.rows.compactMap { $0.first ?? nil }
    }

    /// Makes the next lookup re-read the cache generation (call after writing a segmentation run).
    public func refreshGeneration() {
        loader.generation.invalidate()
    }
}

/// One cache-aside batch: MGET, one query for the misses, write-back.
private struct CachedProfileLoader: Sendable {
    static let unknownMarker = "unknown"
    let pool: PostgresPool
    let redis: RedisPool?
    let options: ProfileCacheOptions
    let generation: CacheGeneration
    let counter = StatisticsCounter()

    func load(_ keys: [ProfileKey]) async throws(LookupError) -> [ProfileKey: CustomerProfile] {
        guard !keys.isEmpty else { return [:] }
        let currentGeneration: Int64
        do {
            currentGeneration = try await generation.current()
        } catch {
            throw Self.lookupError(error)
        }
        let cacheKeys = keys.map { $0.cacheKey(prefix: options.keyPrefix, generation: currentGeneration) }
        var (found, misses) = await cached(keys, cacheKeys: cacheKeys)
        guard !misses.isEmpty else { return found }

        let loaded: [ProfileKey: CustomerProfile]
        do {
            loaded = try await ProfileQuery.fetch(misses.map(\.key), pool: pool)
        } catch {
            throw Self.lookupError(error)
        }
        counter.update { $0.postgresQueries += 1 }
        found.merge(loaded) { $1 }
        await writeBack(misses, loaded: loaded)
        return found
    }

    private func cached(
        _ keys: [ProfileKey], cacheKeys: [String]
    ) async -> (found: [ProfileKey: CustomerProfile], misses: [(key: ProfileKey, cacheKey: String)]) {
        var values: [String?] = []
        if let redis {
            values = (try? await redis.mget(cacheKeys)) ?? []
            counter.update { $0.redisBatches += 1 }
        }
        let decoder = QuimbiJSON.makeDecoder()
        var found: [ProfileKey: CustomerProfile] = [:]
        var misses: [(key: ProfileKey, cacheKey: String)] = []
        for (index, key) in keys.enumerated() {
            let value = index < values.count ? values[index] : nil
            if value == Self.unknownMarker { continue }
            if let value, let profile = Self.cachedProfile(value, decoder: decoder) {
                found[key] = profile
            } else {
                misses.append((key, cacheKeys[index]))
            }
        }
        let missCount = misses.count
        counter.update { $0.cacheHits += keys.count - missCount; $0.cacheMisses += missCount }
        return (found, misses)
    }

    /// A cached profile: read by ``PlainProfileJSON`` when of the plain shape the cache is written in, else
    /// decoded by `decoder`; `nil` when neither can (the cache entry then counts as a miss).
    private static func cachedProfile(_ value: String, decoder: JSONDecoder) -> CustomerProfile? {
        var value = value
        if let profile = value.withUTF8(PlainProfileJSON.profile) { return profile }
        return try? decoder.decode(CustomerProfile.self, from: Data(value.utf8))
    }

    private func writeBack(_ misses: [(key: ProfileKey, cacheKey: String)], loaded: [ProfileKey: CustomerProfile]) async {
        guard let redis else { return }
        let encoder = QuimbiJSON.makeEncoder()
        let entries = misses.map { miss -> (key: String, value: String, ttl: Duration) in
            if let profile = loaded[miss.key], let data = try? encoder.encode(profile) {
                return (miss.cacheKey, String(decoding: data, as: UTF8.self), options.ttl)
            }
            return (miss.cacheKey, Self.unknownMarker, options.unknownTTL)
        }
        // A failed write-back only costs a later cache miss; the breaker already logged the outage.
        try? await redis.setEx(entries)
    }

    private static func lookupError(_ error: any Error) -> LookupError {
        if let error = error as? StoreError { return error.asLookupError }
        return LookupError(code: "postgres_unavailable", message: "\(error)", isTransient: true)
    }
}
