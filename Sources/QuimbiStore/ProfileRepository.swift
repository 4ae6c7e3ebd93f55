import Foundation
import QuimbiCore

/// Customer profiles from PostgreSQL behind a Redis cache (cache-aside).
///
/// A batch costs one Redis MGET and, for the misses, one PostgreSQL `= ANY($1)` query; found
/// profiles are written back with a 24 h TTL, unknown customers as `unknown` for a short time.
/// Keys carry the cache generation of the last segmentation run. Concurrent single lookups
/// (``profile(for:)``) are coalesced into shared batches. Redis failures only cost speed;
/// PostgreSQL failures throw a transient ``LookupError``.
public final class ProfileRepository: ProfileSource {
    static let unknownMarker = "unknown"
    private let pool: PostgresPool
    private let redis: RedisPool?
    private let ttl: Duration
    private let unknownTTL: Duration
    private let generation: CacheGeneration
    private let counter = StatisticsCounter()
    private let batcher: LookupBatcher<ProfileKey, CustomerProfile>

    /// Creates a repository; pass `redis: nil` to read PostgreSQL directly.
    public init(
        pool: PostgresPool, redis: RedisPool?, ttl: Duration = .seconds(86_400), unknownTTL: Duration = .seconds(300),
        generationRefresh: Duration = .seconds(5), maxBatch: Int = 128
    ) {
        self.pool = pool
        self.redis = redis
        self.ttl = ttl
        self.unknownTTL = unknownTTL
        let generation = CacheGeneration(pool: pool, refresh: generationRefresh)
        self.generation = generation
        let counter = self.counter
        self.batcher = LookupBatcher(maxBatch: maxBatch) { keys in
            try await Self.load(keys, pool: pool, redis: redis, ttl: ttl, unknownTTL: unknownTTL,
                                generation: generation, counter: counter)
        }
    }

    /// Counters since creation.
    public var statistics: StoreStatistics { counter.snapshot }

    /// The referenced customer's profile, coalesced with concurrent lookups; `nil` when unknown.
    public func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        guard let key = ProfileKey(customer) else { return nil }
        return try await batcher.lookup(key)
    }

    /// Profiles for a batch of keys in one round trip per store; absent keys are unknown customers.
    public func profiles(for keys: [ProfileKey]) async throws(LookupError) -> [ProfileKey: CustomerProfile] {
        try await Self.load(Array(Set(keys)), pool: pool, redis: redis, ttl: ttl, unknownTTL: unknownTTL,
                            generation: generation, counter: counter)
    }

    /// Makes the next lookup re-read the cache generation (call after writing a segmentation run).
    public func refreshGeneration() {
        generation.invalidate()
    }

    private static func load(
        _ keys: [ProfileKey], pool: PostgresPool, redis: RedisPool?, ttl: Duration, unknownTTL: Duration,
        generation: CacheGeneration, counter: StatisticsCounter
    ) async throws(LookupError) -> [ProfileKey: CustomerProfile] {
        guard !keys.isEmpty else { return [:] }
        let currentGeneration: Int64
        do {
            currentGeneration = try await generation.current()
        } catch {
            throw Self.lookupError(error)
        }
        let cacheKeys = keys.map { $0.cacheKey(generation: currentGeneration) }
        var found: [ProfileKey: CustomerProfile] = [:]
        var misses: [ProfileKey] = []
        var cached: [String?] = []
        if let redis {
            cached = (try? await redis.mget(cacheKeys)) ?? []
            counter.update { $0.redisBatches += 1 }
        }
        let decoder = QuimbiJSON.makeDecoder()
        for (index, key) in keys.enumerated() {
            let value = index < cached.count ? cached[index] : nil
            if value == unknownMarker { continue }
            if let value, let profile = try? decoder.decode(CustomerProfile.self, from: Data(value.utf8)) {
                found[key] = profile
            } else {
                misses.append(key)
            }
        }
        counter.update { $0.cacheHits += keys.count - misses.count; $0.cacheMisses += misses.count }
        guard !misses.isEmpty else { return found }

        let loaded: [ProfileKey: CustomerProfile]
        do {
            loaded = try await ProfileQuery.fetch(misses, pool: pool)
        } catch {
            throw Self.lookupError(error)
        }
        counter.update { $0.postgresQueries += 1 }
        found.merge(loaded) { $1 }
        if let redis {
            let encoder = QuimbiJSON.makeEncoder()
            let entries = misses.map { key -> (key: String, value: String, ttl: Duration) in
                let cacheKey = key.cacheKey(generation: currentGeneration)
                if let profile = loaded[key], let data = try? encoder.encode(profile) {
                    return (cacheKey, String(decoding: data, as: UTF8.self), ttl)
                }
                return (cacheKey, unknownMarker, unknownTTL)
            }
            try? await redis.setEx(entries)
        }
        return found
    }

    private static func lookupError(_ error: any Error) -> LookupError {
        if let error = error as? StoreError { return error.asLookupError }
        return LookupError(code: "postgres_unavailable", message: "\(error)", isTransient: true)
    }
}
