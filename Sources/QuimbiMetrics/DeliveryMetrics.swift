import CoreMetrics
import QuimbiWorker

/// The note deliverer's metrics: `quimbi_notes_total{helpdesk,outcome}` (outcome `delivered`, `duplicate`,
/// `skipped`, `dead_lettered`) and `quimbi_dead_letters_total{code}`.
public final class DeliveryMetrics: DeliveryObserver {
    private let notes: CounterFamily<NoteLabels>
    private let deadLetters: CounterFamily<String>

    /// Metrics recorded into `registry`.
    public init(registry: MetricsRegistry) {
        let factory = registry.factory
        notes = CounterFamily { labels in
            Counter(label: "quimbi_notes_total", dimensions: [("helpdesk", labels.helpdesk), ("outcome", labels.outcome)], factory: factory)
        }
        deadLetters = .deadLetters(factory: factory)
    }

    public func noteDelivered(system: String, duplicate: Bool) {
        notes.increment(NoteLabels(helpdesk: system, outcome: duplicate ? "duplicate" : "delivered"))
    }

    public func noteSkipped(system: String) {
        notes.increment(NoteLabels(helpdesk: system, outcome: "skipped"))
    }

    public func noteDeadLettered(system: String, code: String) {
        notes.increment(NoteLabels(helpdesk: system, outcome: "dead_lettered"))
        deadLetters.increment(code)
    }
}

/// The labels of `quimbi_notes_total`.
private struct NoteLabels: Hashable, Sendable {
    var helpdesk: String
    var outcome: String
}
