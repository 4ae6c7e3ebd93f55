import Foundation
import Histogram
import QuimbiSupport
import QuimbiWorker
import Synchronization

/// Send and draft times per ticket, the publishing window, and where each measured ticket's time went.
///
/// The end-to-end latency (handed to the producer → draft read back) is split into four stages, timed on
/// the wall clock of this one process: `to_worker` (until the worker received the ticket), `processing`
/// (received → draft complete, the draft's own timing), `publishing` (complete → its outputs acknowledged
/// by the brokers) and `to_reader` (acknowledged → read back by the benchmark's consumer).
final class BenchMeasurement: TicketObserver {
    private struct State {
        var sentAt: [ContinuousClock.Instant?]
        var sentWallClock: [Date?]
        var acknowledgedAt: [Date?]
        var histogram = LatencyHistogram()
        var stages = [String: LatencyHistogram]()
        var completed = 0
        var outstanding = 0
        var firstSend: ContinuousClock.Instant?
        var lastDraft: ContinuousClock.Instant?
        var degraded = 0
        var escalated = 0
        var readByLexiconAlone = 0

        mutating func record(_ stage: String, from start: Date?, to end: Date) {
            guard let start else { return }
            stages[stage, default: LatencyHistogram()].record(end.timeIntervalSince(start))
        }
    }

    private let state: Mutex<State>
    private let measuredPrefix: String

    init(tickets: Int, measuredPrefix: String) {
        state = Mutex(State(
            sentAt: Array(repeating: nil, count: tickets), sentWallClock: Array(repeating: nil, count: tickets),
            acknowledgedAt: Array(repeating: nil, count: tickets)))
        self.measuredPrefix = measuredPrefix
    }

    /// Times the stages of a measured draft whose outputs were just acknowledged, counts the escalated tickets, and
    /// the drafts whose context names a source that could not answer in time, and among them those the intent model
    /// could not read.
    func ticketFinished(_ ticket: FinishedTicket) {
        let acknowledged = Date()
        guard let ticketID = ticket.ticketID, let timing = ticket.timing, ticketID.hasPrefix(measuredPrefix),
            let index = Int(ticketID.dropFirst(measuredPrefix.count))
        else { return }
        let withoutModel = ticket.degraded.contains(SupportDesk.intentModelSource)
        state.withLock { state in
            guard index < state.sentWallClock.count else { return }
            state.record("to_worker", from: state.sentWallClock[index], to: timing.receivedAt)
            state.record("processing", from: timing.receivedAt, to: timing.completedAt)
            state.record("publishing", from: timing.completedAt, to: acknowledged)
            state.acknowledgedAt[index] = acknowledged
            if ticket.outcome == .escalated { state.escalated += 1 }
            guard !ticket.degraded.isEmpty else { return }
            state.degraded += 1
            if withoutModel { state.readByLexiconAlone += 1 }
        }
    }

    /// Measured drafts whose intent the lexicon read alone because the model could not in time.
    var readByLexiconAlone: Int { state.withLock { $0.readByLexiconAlone } }

    var completed: Int { state.withLock { $0.completed } }

    func waitForRoom(window: Int) async {
        while state.withLock({ $0.outstanding >= window }) {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    func sent(_ index: Int, at instant: ContinuousClock.Instant) {
        let wallClock = Date()
        state.withLock {
            $0.sentAt[index] = instant
            $0.sentWallClock[index] = wallClock
            $0.outstanding += 1
            if $0.firstSend == nil { $0.firstSend = instant }
        }
    }

    /// Records a draft (the first per ticket counts); returns how many tickets are complete.
    func drafted(_ index: Int, at instant: ContinuousClock.Instant) -> Int {
        let wallClock = Date()
        return state.withLock { state in
            guard index < state.sentAt.count, let sent = state.sentAt[index] else { return state.completed }
            state.sentAt[index] = nil
            state.histogram.record((instant - sent).inSeconds)
            state.record("to_reader", from: state.acknowledgedAt[index], to: wallClock)
            state.completed += 1
            state.outstanding -= 1
            state.lastDraft = instant
            return state.completed
        }
    }

    /// One JSON object: throughput, latency percentiles in milliseconds (end to end and per stage), the peak
    /// RSS of this process (the worker, the publisher and the reader) and, when given, of the broker's, settings.
    func report(brokerPeakMemoryMegabytes: Double?, settings: [String: String]) -> String {
        state.withLock { state in
            let seconds = zip(state.firstSend.map { [$0] } ?? [], state.lastDraft.map { [$0] } ?? [])
                .map { ($1 - $0) }.first.map(\.inSeconds) ?? 0
            var object: [String: Any] = [
                "tickets_completed": state.completed,
                "tickets_degraded": state.degraded,
                "tickets_escalated": state.escalated,
                "seconds": (seconds * 1_000).rounded() / 1_000,
                "tickets_per_second": seconds > 0 ? (Double(state.completed) / seconds).rounded() : 0,
                "latency_ms": state.histogram.percentiles,
                "latency_stages_ms": state.stages.mapValues(\.percentiles),
                "peak_rss_mb": PeakMemory.megabytes(),
                "settings": settings,
            ]
            if let brokerPeakMemoryMegabytes { object["broker_peak_rss_mb"] = brokerPeakMemoryMegabytes }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// Durations recorded in microseconds, reported as p50, p90, p99 and max in milliseconds.
struct LatencyHistogram {
    private var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)

    /// Records `seconds` (a negative duration, from clocks read out of order, counts as zero).
    mutating func record(_ seconds: Double) {
        _ = histogram.record(UInt64(max(0, seconds * 1_000_000).rounded()))
    }

    var percentiles: [String: Double] {
        func ms(_ micros: UInt64) -> Double { (Double(micros) / 10).rounded() / 100 }
        return [
            "p50": ms(histogram.valueAtPercentile(50)), "p90": ms(histogram.valueAtPercentile(90)),
            "p99": ms(histogram.valueAtPercentile(99)), "max": ms(histogram.max),
        ]
    }
}
