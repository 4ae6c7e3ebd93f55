import CoreMetrics
import QuimbiWorker

/// The note deliverer's metrics: `quimbi_notes_total{helpdesk,outcome}` (outcome `delivered`, `duplicate`,
/// `skipped`, `dead_lettered`) and `quimbi_dead_letters_total{code}`.
public final class DeliveryMetrics: DeliveryObserver {
    private let factory: any MetricsFactory

    /// Metrics recorded into `registry`.
    public init(registry: MetricsRegistry) {
        factory = registry.factory
    }

    public func noteDelivered(system: String, duplicate: Bool) {
        count(system, duplicate ? "duplicate" : "delivered")
    }

    public func noteSkipped(system: String) {
        count(system, "skipped")
    }

    public func noteDeadLettered(system: String, code: String) {
        count(system, "dead_lettered")
        Counter(label: "quimbi_dead_letters_total", dimensions: [("code", code)], factory: factory).increment()
    }

    private func count(_ system: String, _ outcome: String) {
        Counter(label: "quimbi_notes_total", dimensions: [("helpdesk", system), ("outcome", outcome)], factory: factory).increment()
    }
}
