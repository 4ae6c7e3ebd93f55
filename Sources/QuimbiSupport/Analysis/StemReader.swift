import QuimbiCore

/// The second stage of intent reading: the stem cues of ``StemLexicon`` found in a ticket, by
/// intent and signal (``IntentDetector`` decides what they are worth).
struct StemReader: Sendable {
    static let shared = StemReader()

    private let index: StemIndex<Int>

    private init() {
        var index = StemIndex<Int>()
        for (position, cue) in StemLexicon.cues.enumerated() {
            for stem in Set(cue.stems) { index.insert(stem, payload: position) }
        }
        self.index = index
    }

    /// The weight of every stem signal found in `tokens`, by intent, leaving out the tokens at
    /// `phrasePositions` (a word a phrase cue has read is not read again); `asksQuestion` says the
    /// ticket has a question mark, `negated` whether a negator stands just before a token range.
    func signals(
        in tokens: [String], skipping phrasePositions: Set<Int>, asksQuestion: Bool, negated: (Range<Int>) -> Bool
    ) -> [IntentLabel: [String: Double]] {
        var signals: [IntentLabel: [String: Double]] = [:]
        if asksQuestion {
            let question = StemLexicon.question
            signals[question.intent, default: [:]][question.signal] = question.weight
        }
        for (position, token) in tokens.enumerated() where !phrasePositions.contains(position) {
            for cueIndex in index.matches(token) {
                let cue = StemLexicon.cues[cueIndex]
                var reading = cue.reading
                if negated(position..<(position + 1)) {
                    switch cue.whenNegated {
                    case .kept: break
                    case .voided: continue
                    case .reads(let other): reading = other
                    }
                }
                signals[reading.intent, default: [:]][reading.signal] = reading.weight
            }
        }
        return signals
    }
}
