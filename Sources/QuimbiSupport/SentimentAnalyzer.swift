import QuimbiCore

/// Lexicon sentiment: counts positive and negative cues.
struct SentimentAnalyzer: Sendable {
    static let negative = ["frustrat", "angry", "terrible", "awful", "unacceptable", "disappoint", "forever", "worst", "high compared", "never"]
    static let positive = ["thank", "love", "great", "awesome", "happy", "wonderful", "perfect"]

    func analyze(_ text: String) -> Sentiment {
        let lowered = text.lowercased()
        let negatives = Self.negative.filter { lowered.contains($0) }.count
        let positives = Self.positive.filter { lowered.contains($0) }.count
        let score = max(-1, min(1, Double(positives - negatives) / 2))
        let label: Sentiment.Label = score <= -0.25 ? .negative : (score >= 0.25 ? .positive : .neutral)
        return Sentiment(label: label, score: score)
    }
}
