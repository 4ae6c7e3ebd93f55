/// Whether a text can still be embedded by its deadline, from what the engine has cost lately.
///
/// The engine's cost follows a text's length (its tokens) plus a part every call pays, and the load: its
/// threads run at a low priority, so when the ticket pipeline needs the processors a text takes longer.
/// The estimate is a cost per character (UTF-8 byte) with a call's overhead counted as characters, so that
/// one long message does not make the short ones after it look costly, nor a very short one the long ones;
/// and a correction that texts answered after their deadline raise and texts answered in time lower, so
/// that whatever the estimate misses (starvation, a batch's cost growing with its size) is corrected by
/// what admission actually achieved.
struct AdmissionEstimate: Sendable, Equatable {
    /// Recent cost of one character, averaged exponentially.
    private(set) var costPerCharacter: Duration
    /// Factor on ``costPerCharacter``: 1 while texts are answered in time, more after late ones.
    private(set) var correction = 1.0
    /// Weight of the newest measurement.
    static let smoothing = 0.2
    /// What an engine call costs beyond its texts' characters (special tokens, preparing the weights), as characters.
    static let callOverheadCharacters = 48
    /// A batch answered late multiplies ``correction`` by this.
    static let lateFactor = 1.5
    /// A batch answered in time divides ``correction`` by this: four undo a late one.
    static let timelyFactor = lateFactor.squareRoot().squareRoot()
    /// Largest ``correction``.
    static let maxCorrection = 64.0

    /// An estimate starting from `initialCost` per character (a quarter of a millisecond: 27 ms for a
    /// 60-character message alone, about what one costs on one core).
    init(initialCost: Duration = .microseconds(250)) {
        costPerCharacter = initialCost
    }

    /// Counts a batch of texts of `characters` characters in all that took `duration`; `late` when some of
    /// its texts had been given up by their tickets before the batch ended.
    mutating func record(characters: Int, took duration: Duration, late: Bool) {
        guard characters > 0 else { return }
        costPerCharacter = costPerCharacter * (1 - Self.smoothing) + Self.perCharacter(duration, characters: characters) * Self.smoothing
        correction = late ? min(Self.maxCorrection, correction * Self.lateFactor) : max(1, correction / Self.timelyFactor)
    }

    /// What `duration` spent on one call of `characters` characters in all comes to per character.
    static func perCharacter(_ duration: Duration, characters: Int) -> Duration {
        duration / (characters + callOverheadCharacters)
    }

    /// What one character is expected to cost now: the measured cost, corrected.
    private var expectedPerCharacter: Duration { costPerCharacter * correction }

    /// Expected duration of one call on texts of `characters` characters in all.
    func call(characters: Int) -> Duration {
        expectedPerCharacter * (characters + Self.callOverheadCharacters)
    }

    /// The estimate with a cost per character of at least `cost` (what a call still running has cost so far).
    func raised(toAtLeast cost: Duration) -> AdmissionEstimate {
        var raised = self
        raised.costPerCharacter = max(costPerCharacter, cost / correction)
        return raised
    }

    /// Whether a text of `characters` characters is expected to be embedded within `remaining`, after waiting
    /// at most `maxWaitShare` of it for a thread, when a thread is free in `threadFreeIn` and `waiting`
    /// characters are queued ahead of it for `threads` threads.
    func admits(characters: Int, waiting: Int, threadFreeIn: Duration, threads: Int, remaining: Duration, maxWaitShare: Double = 1) -> Bool {
        let wait = threadFreeIn + expectedPerCharacter * (waiting / max(1, threads))
        return wait <= remaining * maxWaitShare && wait + call(characters: characters) <= remaining
    }
}
