/// Whether a text can still be embedded by its deadline, from what the engine has cost lately.
///
/// The engine's cost per text follows the load: its threads run at a low priority, so when the ticket
/// pipeline needs the processors a text takes longer. A text that would not be read by its deadline is
/// refused at once, so that its ticket does not wait for nothing.
struct AdmissionEstimate: Sendable, Equatable {
    /// Recent cost of one text, averaged exponentially.
    private(set) var costPerText: Duration
    /// Weight of the newest measurement.
    static let smoothing = 0.2

    /// An estimate starting from `initialCost` per text.
    init(initialCost: Duration = .milliseconds(30)) {
        costPerText = initialCost
    }

    /// Counts a batch of `count` texts that took `duration`.
    mutating func record(batchOf count: Int, took duration: Duration) {
        guard count > 0 else { return }
        let perText = duration / count
        costPerText = costPerText * (1 - Self.smoothing) + perText * Self.smoothing
    }

    /// Whether a text queued behind `waiting` others, served by `threads` threads, is expected to be
    /// embedded within `remaining`.
    func admits(waiting: Int, threads: Int, remaining: Duration) -> Bool {
        let rounds = Double(waiting / max(1, threads) + 1)
        return costPerText * rounds <= remaining
    }
}
