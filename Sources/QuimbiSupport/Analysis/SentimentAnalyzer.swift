import Foundation
import QuimbiCore

/// Lexicon sentiment with negation, intensifiers, plain sarcasm and shouting.
struct SentimentAnalyzer: Sendable {
    /// Scores at or beyond these are negative or positive.
    static let negativeBelow = -0.2
    static let positiveFrom = 0.2

    /// Intent signals that are unhappy in themselves, whatever the words around them.
    static let unhappySignals: Set<String> = [
        "shipping_delay", "damaged", "wrong_item", "competitor", "leaving", "price", "billing", "legal_threat", "chargeback",
        "repeated_contact",
    ]
    static let unhappySignalValence = -1.5

    /// `intent` tells whether the ticket reports a failure: praise words in it are politeness or
    /// sarcasm ("great, another late order") and count for little, and its unhappy signals count.
    func analyze(
        _ text: TokenizedText, matches: [PhraseTrie<CueMeaning>.Match], intent: Intent,
        negated: (Range<Int>) -> Bool, intensified: (Range<Int>) -> Bool
    ) -> Sentiment {
        let unhappy = intent.signals.filter { Self.unhappySignals.contains($0) }.count
        let complaint = unhappy > 0 || intent.secondary.contains(.serviceComplaint)
        let sarcasticSpans = matches.compactMap { match -> Range<Int>? in
            if case .sarcasm = match.payload { return match.range }
            return nil
        }
        var total = Double(sarcasticSpans.count) * -3 + Double(unhappy) * Self.unhappySignalValence
        for match in matches {
            guard case .valence(var valence) = match.payload else { continue }
            if sarcasticSpans.contains(where: { $0.overlaps(match.range) }) { continue }
            if negated(match.range) { valence = valence > 0 ? -valence * 0.8 : -valence * 0.4 }
            if intensified(match.range) { valence *= 1.5 }
            if valence > 0, complaint || !sarcasticSpans.isEmpty { valence *= 0.3 }
            total += valence
        }
        if total < 0 {
            let shouting = text.letterCount >= 12 && text.upperCaseShare > 0.6 ? 0.5 : 0
            total *= 1 + min(0.5, 0.15 * Double(text.exclamationCount)) + shouting
        }
        let score = (tanh(total / 4) * 100).rounded() / 100 + 0  // + 0 turns −0 into 0
        let label: Sentiment.Label = score <= Self.negativeBelow ? .negative : (score >= Self.positiveFrom ? .positive : .neutral)
        return Sentiment(label: label, score: score)
    }
}
