import CoreMetrics
import ServiceLifecycle

/// Copies a cache's hit and miss counters into metrics every `interval`:
/// `quimbi_profile_cache_lookups_total{result="hit"|"miss"}` and the gauge
/// `quimbi_profile_cache_hit_ratio` (hits over lookups since the last sample that saw any).
public struct CacheMetricsSampler: Service {
    /// Hits and misses counted since the process started.
    public typealias Counts = @Sendable () -> (hits: Int, misses: Int)

    private let counts: Counts
    private let factory: any MetricsFactory
    private let interval: Duration

    /// Samples `counts` into `registry` every `interval`.
    public init(registry: MetricsRegistry, interval: Duration = .seconds(5), counts: @escaping Counts) {
        self.counts = counts
        self.factory = registry.factory
        self.interval = interval
    }

    public func run() async throws {
        let hits = Counter(label: "quimbi_profile_cache_lookups_total", dimensions: [("result", "hit")], factory: factory)
        let misses = Counter(label: "quimbi_profile_cache_lookups_total", dimensions: [("result", "miss")], factory: factory)
        let ratio = Gauge(label: "quimbi_profile_cache_hit_ratio", dimensions: [], factory: factory)
        var last = (hits: 0, misses: 0)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let now = counts()
            let newHits = now.hits - last.hits
            let newMisses = now.misses - last.misses
            hits.increment(by: Int64(newHits))
            misses.increment(by: Int64(newMisses))
            if newHits + newMisses > 0 { ratio.record(Double(newHits) / Double(newHits + newMisses)) }
            last = now
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
