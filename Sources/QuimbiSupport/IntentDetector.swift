import QuimbiCore

/// Keyword-cue intent detection: each label has weighted cues; the strongest label wins.
struct IntentDetector: Sendable {
    struct Cue: Sendable {
        var signal: String
        var phrases: [String]
        var weight: Double
    }

    static let cues: [(IntentLabel, [Cue])] = [
        (.churnThreat, [
            Cue(signal: "competitor", phrases: ["different supplier", "another supplier", "competitor", "other store", "elsewhere", "switch to"], weight: 2),
            Cue(signal: "leaving", phrases: ["cancel my account", "never order again", "done with you", "last time i order", "take my business"], weight: 2),
            Cue(signal: "price", phrases: ["prices seem high", "too expensive", "prices are high", "overpriced", "cheaper"], weight: 1),
        ]),
        (.serviceComplaint, [
            Cue(signal: "shipping_delay", phrases: ["took forever", "late", "delayed", "still waiting", "slow shipping", "took weeks"], weight: 2),
            Cue(signal: "damaged", phrases: ["damaged", "broken", "arrived torn"], weight: 2),
            Cue(signal: "wrong_item", phrases: ["wrong item", "wrong color", "wrong colour", "not what i ordered"], weight: 2),
            Cue(signal: "frustration", phrases: ["frustrating", "frustrated", "unacceptable", "disappointed"], weight: 1),
        ]),
        (.orderStatus, [
            Cue(signal: "where_is_order", phrases: ["where is my order", "where's my order", "tracking", "has it shipped", "order status"], weight: 2),
        ]),
        (.refundReturn, [
            Cue(signal: "refund", phrases: ["refund", "money back", "return"], weight: 2),
        ]),
        (.productQuestion, [
            Cue(signal: "recommendation", phrases: ["recommend", "suggest", "which color", "what color", "thread colors"], weight: 2),
            Cue(signal: "product_question", phrases: ["do you have", "is it compatible", "what size", "in stock"], weight: 1),
        ]),
        (.discountRequest, [
            Cue(signal: "discount", phrases: ["discount", "coupon", "promo code"], weight: 2),
        ]),
    ]

    func detect(_ text: String) -> Intent {
        let lowered = text.lowercased()
        var scored: [(label: IntentLabel, score: Double, signals: [String])] = []
        for (label, cues) in Self.cues {
            let fired = cues.filter { cue in cue.phrases.contains { lowered.contains($0) } }
            guard !fired.isEmpty else { continue }
            scored.append((label, fired.reduce(0) { $0 + $1.weight }, fired.map(\.signal)))
        }
        scored.sort { $0.score > $1.score }
        guard let best = scored.first else {
            return Intent(label: .general, confidence: 0.3, signals: [])
        }
        let total = scored.reduce(0) { $0 + $1.score }
        return Intent(
            label: best.label,
            confidence: min(0.95, 0.5 + 0.5 * best.score / max(total, 1) * min(best.score, 3) / 3),
            signals: best.signals,
            secondary: scored.dropFirst().map(\.label)
        )
    }
}
