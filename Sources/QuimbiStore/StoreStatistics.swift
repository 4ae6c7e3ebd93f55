import Synchronization

/// Counters of where lookups were answered, for tests and the benchmark.
public struct StoreStatistics: Sendable, Equatable {
    /// PostgreSQL queries issued for cache misses.
    public var postgresQueries = 0
    /// Redis MGET round trips.
    public var redisBatches = 0
    /// Keys answered from Redis (profiles and cached "unknown" markers).
    public var cacheHits = 0
    /// Keys not in Redis (or Redis unavailable).
    public var cacheMisses = 0
}

/// Thread-safe holder of ``StoreStatistics``.
final class StatisticsCounter: Sendable {
    private let value = Mutex(StoreStatistics())

    func update(_ change: (inout StoreStatistics) -> Void) {
        value.withLock { change(&$0) }
    }

    var snapshot: StoreStatistics { value.withLock { $0 } }
}
