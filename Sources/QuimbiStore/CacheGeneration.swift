import Synchronization

/// The cache generation of the last segmentation run, re-read from PostgreSQL at most every `refresh`
/// (the last known value is kept while PostgreSQL is unreachable).
///
/// Cache keys carry the generation, so a new run makes every older key unreachable without deleting it.
final class CacheGeneration: Sendable {
    private let pool: PostgresPool
    private let refresh: Duration
    private let cached = Mutex<(value: Int64, readAt: ContinuousClock.Instant)?>(nil)

    init(pool: PostgresPool, refresh: Duration) {
        self.pool = pool
        self.refresh = refresh
    }

    func current() async throws -> Int64 {
        let now = ContinuousClock.now
        if let cached = cached.withLock({ $0 }), now - cached.readAt < refresh { return cached.value }
        do {
            let rows = try await pool.query("SELECT coalesce(max(cache_generation), 0) FROM segmentation_runs")
            let value = Int64(rows.rows.first?.first.flatMap { $0 } ?? "0") ?? 0
            cached.withLock { $0 = (value, now) }
            return value
        } catch {
            // PostgreSQL down: the last known generation still addresses valid cache entries.
            if let stale = cached.withLock({ $0 }) { return stale.value }
            throw error
        }
    }

    /// Forgets the cached value so the next call reads PostgreSQL (after this process wrote a run).
    func invalidate() {
        cached.withLock { $0 = nil }
    }
}
