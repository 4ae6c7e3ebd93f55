import CoreMetrics

/// The decision recorder's metrics: `quimbi_decisions_total{outcome}` (`recorded` — written or found written —,
/// `undecodable`, `unrecordable`) and `quimbi_decision_write_failures_total` (writes retried while PostgreSQL failed).
struct DecisionMetrics: Sendable {
    private let factory: any MetricsFactory

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func decisions(_ outcome: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: "quimbi_decisions_total", dimensions: [("outcome", outcome)], factory: factory).increment(by: Int64(count))
    }

    func writeFailed() {
        Counter(label: "quimbi_decision_write_failures_total", dimensions: [], factory: factory).increment()
    }
}
