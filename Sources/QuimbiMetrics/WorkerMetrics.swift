import CoreMetrics
import Foundation
import QuimbiCore
import QuimbiKafka
import QuimbiWorker
import Synchronization

/// The worker's metrics. Attach it as the `TicketWorker`'s observer, wrap the lookup sources with
/// ``metered(profiles:)`` and its siblings, and pass ``recordLag(_:)`` as the consumer's lag reporter.
///
/// Series: `quimbi_tickets_processed_total{outcome,intent}`, `quimbi_ticket_processing_seconds`,
/// `quimbi_ticket_end_to_end_seconds` (ticket created at the helpdesk → draft), `quimbi_tickets_degraded_total`,
/// `quimbi_lookup_seconds{source}`, `quimbi_dead_letters_total{code}`, `quimbi_discounts_offered_total{percent}`,
/// `quimbi_escalations_total{intent}`, `quimbi_consumer_lag{topic,partition}`.
public final class WorkerMetrics: TicketObserver {
    private let factory: any MetricsFactory
    private let reportedLag = Mutex<Set<TopicPartition>>([])
    /// The series without dimensions, made once: making one looks it up in the registry (names validated,
    /// a table locked), which every ticket did for each before.
    private let processingTimer: CoreMetrics.Timer
    private let endToEndTimer: CoreMetrics.Timer
    private let degradedCounter: Counter
    /// The labelled series, each counter made once per label value.
    private let processed: CounterFamily<ProcessedLabels>
    private let discounts: CounterFamily<Int>
    private let escalations: CounterFamily<IntentLabel>
    private let deadLetters: CounterFamily<String>

    /// Metrics recorded into `registry`.
    public init(registry: MetricsRegistry) {
        let factory = registry.factory
        self.factory = factory
        processingTimer = Timer(label: "quimbi_ticket_processing_seconds", dimensions: [], factory: factory)
        endToEndTimer = Timer(label: "quimbi_ticket_end_to_end_seconds", dimensions: [], factory: factory)
        degradedCounter = Counter(label: "quimbi_tickets_degraded_total", dimensions: [], factory: factory)
        processed = CounterFamily { labels in
            Counter(
                label: "quimbi_tickets_processed_total",
                dimensions: [("outcome", labels.outcome.rawValue), ("intent", labels.intent?.rawValue ?? "none")], factory: factory)
        }
        discounts = CounterFamily { percent in
            Counter(label: "quimbi_discounts_offered_total", dimensions: [("percent", String(percent))], factory: factory)
        }
        escalations = CounterFamily { intent in
            Counter(label: "quimbi_escalations_total", dimensions: [("intent", intent.rawValue)], factory: factory)
        }
        deadLetters = .deadLetters(factory: factory)
    }

    public func ticketFinished(_ ticket: FinishedTicket) {
        switch ticket.outcome {
        case .drafted, .escalated:
            let escalated = ticket.outcome == .escalated
            processed.increment(ProcessedLabels(outcome: escalated ? .escalated : .drafted, intent: ticket.intent))
            if let timing = ticket.timing {
                processingTimer.recordNanoseconds(Int64(timing.totalMs * 1_000_000))
                recordEndToEnd(ticketCreatedAt: timing.ticketCreatedAt, completedAt: timing.completedAt)
            }
            if !ticket.degraded.isEmpty {
                degradedCounter.increment()
            }
            if let percent = ticket.discountPercent {
                discounts.increment(percent)
            }
            if escalated, let intent = ticket.intent {
                escalations.increment(intent)
            }
        case .rejected(let code):
            ticketDeadLettered(code: code)
        }
    }

    public func ticketDeadLettered(code: String) {
        processed.increment(ProcessedLabels(outcome: .rejected, intent: nil))
        deadLetters.increment(code)
    }

    /// The timer of lookups against `source` (for example `profile`, `orders`, `archetype`): a
    /// ``MeteredSource`` holds its own.
    public func lookupTimer(source: String) -> CoreMetrics.Timer {
        Timer(label: "quimbi_lookup_seconds", dimensions: [("source", source)], factory: factory)
    }

    /// `profiles` with each lookup timed as source `profile`.
    public func metered(profiles: some ProfileSource) -> any ProfileSource {
        MeteredSource(profiles, name: "profile", metrics: self)
    }

    /// `orders` with each lookup timed as source `orders`.
    public func metered(orders: some OrderSource) -> any OrderSource {
        MeteredSource(orders, name: "orders", metrics: self)
    }

    /// `archetypes` with each lookup timed as source `archetype`.
    public func metered(archetypes: some ArchetypeSource) -> any ArchetypeSource {
        MeteredSource(archetypes, name: "archetype", metrics: self)
    }

    /// Sets `quimbi_consumer_lag{topic,partition}` for the assigned partitions and 0 for those no
    /// longer assigned. Pass it as the consumer's `lagReporter`.
    public func recordLag(_ lag: [TopicPartition: Int64]) {
        let gone = reportedLag.withLock { reported in
            defer { reported = Set(lag.keys) }
            return reported.subtracting(lag.keys)
        }
        for (partition, value) in lag.map({ ($0.key, $0.value) }) + gone.map({ ($0, Int64(0)) }) {
            Gauge(label: "quimbi_consumer_lag", dimensions: [("topic", partition.topic), ("partition", String(partition.partition))], factory: factory)
                .record(value)
        }
    }

    /// Records the time from the ticket's creation at the helpdesk to its draft.
    public func recordEndToEnd(ticketCreatedAt: Date, completedAt: Date) {
        let seconds = max(0, completedAt.timeIntervalSince(ticketCreatedAt))
        endToEndTimer.recordNanoseconds(Int64(seconds * 1e9))
    }
}

/// The labels of `quimbi_tickets_processed_total`.
private struct ProcessedLabels: Hashable, Sendable {
    enum Outcome: String {
        case drafted, escalated, rejected
    }

    var outcome: Outcome
    /// `none` for a rejected ticket.
    var intent: IntentLabel?
}
