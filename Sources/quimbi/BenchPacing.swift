/// When the benchmark's publisher sends each ticket at a fixed rate: ticket `i` is due `i / rate` seconds
/// after the start, and the publisher wakes at most once per ``tick``, sending every ticket due by then.
///
/// One wake per ticket (2,000 timer wakes a second at `--rate 2000`) would compete with the worker for the
/// same cores; each ticket's latency is still timed from its own send.
struct BenchPacing: Sendable {
    /// Shortest time between two wakes of the publisher.
    static let tick = Duration.milliseconds(1)

    /// Tickets a second; 0: no pacing.
    let rate: Int
    let start: ContinuousClock.Instant

    /// When ticket `index` is due.
    func due(_ index: Int) -> ContinuousClock.Instant {
        start + .seconds(Double(index) / Double(rate))
    }

    /// The instant to sleep until before sending ticket `index` at `now`, or nil to send it at once
    /// (no pacing, or it is due within the tick that started with the last wake).
    func wakeUp(before index: Int, now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard rate > 0 else { return nil }
        let due = due(index)
        guard due > now else { return nil }
        // Sleep to the end of the tick in which the ticket falls, so that every ticket of that tick goes at one wake.
        let ticks = ((due - start) / Self.tick).rounded(.up)
        return start + Self.tick * ticks
    }
}
