import CoreMetrics
import Prometheus

/// A Prometheus registry and the swift-metrics factory that feeds it, without touching the global
/// `MetricsSystem` (so tests and several servers in one process keep separate figures).
public struct MetricsRegistry: Sendable {
    /// The collector registry rendered by ``exposition()``.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory recording into ``registry``.
    public let factory: any MetricsFactory

    /// A fresh, empty registry.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2_500), .seconds(5), .seconds(10),
        ]
        self.registry = registry
        self.factory = factory
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
