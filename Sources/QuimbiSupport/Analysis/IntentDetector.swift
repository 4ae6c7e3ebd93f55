import Foundation
import QuimbiCore

/// What the lexicon read of a ticket's intent, with what a second reader needs to know of it.
struct LexiconIntent: Sendable {
    /// The lexicon's reading.
    var intent: Intent
    /// The policy flags among its signals (`legal_threat`, `chargeback`, `repeated_contact`, `prompt_injection`).
    var flags: [String] { intent.signals.filter(IntentLexicon.flagSignals.contains) }
    /// Intents whose every cue in the ticket was negated ("not damaged"): the ticket is not about them.
    var negated: Set<IntentLabel>
}

/// Scores every intent by the distinct signals of its cues that fired, and picks a primary.
///
/// Two stages: the phrase cues of ``IntentLexicon`` first; when they read no intent with the
/// evidence it needs, the stem cues of ``StemReader`` join them in the same scoring, for the intents
/// where together they reach it. A reading that rests on stems has a lower confidence. An intent that
/// can earn an offer needs more evidence than the others, and is never read from less.
///
/// Multi-label: every other intent with a real signal is reported as secondary. Policy flags
/// (`legal_threat`, `chargeback`, `repeated_contact`) are reported among the signals whatever the intent.
struct IntentDetector: Sendable {
    /// When two intents score the same, the one that matters more to the store wins.
    static let precedence: [IntentLabel] = [
        .churnThreat, .serviceComplaint, .cancelOrder, .billing, .refundReturn, .orderStatus, .discountRequest,
        .productQuestion, .account, .praise, .general,
    ]

    /// Signals whose cue is void when negated ("not damaged", "don't want a refund").
    static let negatableSignals: Set<String> = ["damaged", "wrong_item", "refund", "return", "praise", "discount", "cancel_order"]

    /// Intents weaker than this are not reported as secondary.
    static let secondaryThreshold = 1.5

    /// Intents for which the default policy can grant an offer: they need more evidence, so that
    /// thin wording ("do you have a shop?") does not earn a discount.
    static let offerIntents: Set<IntentLabel> = [.churnThreat, .serviceComplaint, .productQuestion, .discountRequest]
    /// Evidence an offer intent needs: one unambiguous cue, or several that agree.
    static let offerEvidence = 2.5
    /// Evidence any other intent needs before stem cues are left out of the reading.
    static let plainEvidence = 1.5

    /// `stemSignals` reads the ticket's stem cues (see ``StemReader``), asked for only when needed;
    /// `sarcastic` says plain sarcasm was found: its praise words are not praise.
    func detect(
        _ matches: [PhraseTrie<CueMeaning>.Match], stemSignals: () -> [IntentLabel: [String: Double]], sarcastic: Bool,
        negated: (Range<Int>) -> Bool
    ) -> LexiconIntent {
        var signalsByIntent: [IntentLabel: [String: Double]] = [:]
        var flags: [String] = []
        var negatedIntents: Set<IntentLabel> = []
        for match in matches {
            guard case .intent(let index) = match.payload else { continue }
            let cue = IntentLexicon.cues[index]
            if Self.negatableSignals.contains(cue.signal), negated(match.range) {
                if let intent = cue.intent { negatedIntents.insert(intent) }
                continue
            }
            guard let intent = cue.intent else {
                if !flags.contains(cue.signal) { flags.append(cue.signal) }
                continue
            }
            signalsByIntent[intent, default: [:]][cue.signal] = cue.weight
        }
        if sarcastic { signalsByIntent[.praise] = nil }  // its praise words are not praise, and settle nothing
        var readFromStems: Set<IntentLabel> = []
        if !signalsByIntent.contains(where: { Self.score($0.value) >= Self.evidenceNeeded(for: $0.key) }) {
            for (intent, stemSignals) in stemSignals() {
                let phraseSignals = signalsByIntent[intent, default: [:]]
                let merged = phraseSignals.merging(stemSignals) { phrase, _ in phrase }
                guard merged.count > phraseSignals.count, Self.score(merged) >= Self.evidenceNeeded(for: intent) else { continue }
                signalsByIntent[intent] = merged
                readFromStems.insert(intent)
            }
        }
        var scores = signalsByIntent.mapValues(Self.score)
        if sarcastic || scores.contains(where: { $0.key != .praise && $0.value >= Self.secondaryThreshold }) {
            scores[.praise] = nil  // politeness or sarcasm around a real request
        }
        let ranked = scores.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : Self.rank(lhs.key) < Self.rank(rhs.key)
        }
        let candidates = ranked.filter { !Self.offerIntents.contains($0.key) || $0.value >= Self.offerEvidence }
        guard let (primary, best) = candidates.first else {
            return LexiconIntent(intent: Intent(label: .general, confidence: 0.3, signals: flags), negated: negatedIntents)
        }
        let total = scores.values.reduce(0, +)
        let strength = 1 - exp(-best / 1.5)
        let confidence = 0.25 + (readFromStems.contains(primary) ? 0.25 : 0.7) * (best / total) * strength
        let signals = signalsByIntent[primary, default: [:]].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let intent = Intent(
            label: primary,
            confidence: (confidence * 100).rounded() / 100,
            signals: signals + flags,
            secondary: ranked.filter { $0.key != primary && $0.value >= Self.secondaryThreshold }.map(\.key)
        )
        return LexiconIntent(intent: intent, negated: negatedIntents.subtracting(signalsByIntent.keys))
    }

    /// The evidence a reading of `intent` needs.
    static func evidenceNeeded(for intent: IntentLabel) -> Double {
        offerIntents.contains(intent) ? offerEvidence : plainEvidence
    }

    private static func score(_ signals: [String: Double]) -> Double {
        signals.values.reduce(0, +)
    }

    private static func rank(_ label: IntentLabel) -> Int {
        precedence.firstIndex(of: label) ?? precedence.count
    }
}
