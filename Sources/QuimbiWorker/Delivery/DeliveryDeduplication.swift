import Logging
import QuimbiHelpdesk
import QuimbiResilience

/// Whether an event's note was written before (by this process, an earlier run or another replica), and the
/// record that it now has been: what keeps a draft redelivered after a restart or rebalance from being posted twice.
///
/// The evidence, in order: the events this process delivered (memory); with a ``DeliveryLog`` (PostgreSQL), its
/// record; without one, or while it cannot be read within `logWait`, the ticket's newest notes in the helpdesk,
/// searched for the note's ``NoteMarker``. A dead log never stops delivery nor posts blindly: it costs one read of
/// the helpdesk per note. A note whose record could not be written within `logWait` is still delivered; only a
/// redelivery of that very event before the log records it (a crash before its offset is committed) could then
/// write it twice, as the log is trusted when it answers.
struct DeliveryDeduplication: Sendable {
    private let memory = DeliveredEvents(capacity: 100_000)
    private let log: (any DeliveryLog)?
    private let logRetry: RetryPolicy
    private let logWait: Duration
    private let clock: any Clock<Duration>
    private let logger: Logger

    init(log: (any DeliveryLog)?, logRetry: RetryPolicy, logWait: Duration, clock: any Clock<Duration>, logger: Logger) {
        self.log = log
        self.logRetry = logRetry
        self.logWait = logWait
        self.clock = clock
        self.logger = logger
    }

    /// Whether `note` was written already; the outcomes of the helpdesk's requests, if it is asked, go to `attempts`.
    /// - Throws: the helpdesk's ``DeliveryError`` when its notes had to be read and could not be.
    func wasDelivered(
        _ note: HelpdeskNote, sender: any NoteDelivering, attempts: (DeliveryError?) -> Void
    ) async throws(DeliveryError) -> Bool {
        if memory.contains(note.eventID) { return true }
        if let log, let recorded = await waitForLog("reading", note, { try await log.contains(eventID: note.eventID) }) {
            return recorded
        }
        return try await sender.isDelivered(note, attempts: attempts)
    }

    /// Records that `note` was written into `system`.
    func recordDelivery(of note: HelpdeskNote, system: String) async {
        memory.insert(note.eventID)
        guard let log else { return }
        _ = await waitForLog("recording", note) { try await log.record(eventID: note.eventID, helpdesk: system, ticketID: note.ticketID) }
    }

    private func waitForLog<T>(_ action: String, _ note: HelpdeskNote, _ operation: () async throws -> T) async -> T? {
        await waitForLog(action, note, on: clock, operation)
    }

    /// `operation`'s result, retried with back-off for up to `logWait`; `nil` (logged) when the log did not answer.
    private func waitForLog<T, C: Clock<Duration>>(
        _ action: String, _ note: HelpdeskNote, on clock: C, _ operation: () async throws -> T
    ) async -> T? {
        do {
            return try await logRetry.run(until: clock.now.advanced(by: logWait), clock: clock, decide: { _ in .backOff }) { _ in
                try await operation()
            }
        } catch {
            logger.warning("delivery log unavailable within its wait", metadata: [
                "action": "\(action)", "event_id": "\(note.eventID)", "error": "\(error)",
            ])
            return nil
        }
    }
}
