import Foundation
import QuimbiCore

/// Scores every intent by the distinct signals of its cues that fired, and picks a primary.
///
/// Two stages: the phrase cues of ``IntentLexicon`` first; when none of them reads an intent with
/// real weight, the stem cues of ``StemReader`` join them in the same scoring, for the intents where
/// they reach the evidence an intent needs. A reading that rests on stems has a lower confidence.
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

    /// Stem cues are consulted only when no intent's phrase cues reach this.
    static let stemStageBelow = 1.5

    /// `stemSignals` reads the ticket's stem cues (see ``StemReader``), asked for only when needed;
    /// `sarcastic` says plain sarcasm was found: its praise words are not praise.
    func detect(
        _ matches: [PhraseTrie<CueMeaning>.Match], stemSignals: () -> [IntentLabel: [String: Double]], sarcastic: Bool,
        negated: (Range<Int>) -> Bool
    ) -> Intent {
        var signalsByIntent: [IntentLabel: [String: Double]] = [:]
        var flags: [String] = []
        for match in matches {
            guard case .intent(let index) = match.payload else { continue }
            let cue = IntentLexicon.cues[index]
            if Self.negatableSignals.contains(cue.signal), negated(match.range) { continue }
            guard let intent = cue.intent else {
                if !flags.contains(cue.signal) { flags.append(cue.signal) }
                continue
            }
            signalsByIntent[intent, default: [:]][cue.signal] = cue.weight
        }
        var readFromStems: Set<IntentLabel> = []
        if !signalsByIntent.values.contains(where: { Self.score($0) >= Self.stemStageBelow }) {
            for (intent, stemSignals) in stemSignals() {
                let phraseSignals = signalsByIntent[intent, default: [:]]
                let merged = phraseSignals.merging(stemSignals) { phrase, _ in phrase }
                guard merged.count > phraseSignals.count, Self.score(merged) >= StemReader.evidenceNeeded(for: intent) else { continue }
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
        guard let (primary, best) = ranked.first else {
            return Intent(label: .general, confidence: 0.3, signals: flags)
        }
        let total = scores.values.reduce(0, +)
        let strength = 1 - exp(-best / 1.5)
        let confidence = 0.25 + (readFromStems.contains(primary) ? 0.25 : 0.7) * (best / total) * strength
        let signals = signalsByIntent[primary, default: [:]].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        return Intent(
            label: primary,
            confidence: (confidence * 100).rounded() / 100,
            signals: signals + flags,
            secondary: ranked.dropFirst().filter { $0.value >= Self.secondaryThreshold }.map(\.key)
        )
    }

    private static func score(_ signals: [String: Double]) -> Double {
        signals.values.reduce(0, +)
    }

    private static func rank(_ label: IntentLabel) -> Int {
        precedence.firstIndex(of: label) ?? precedence.count
    }
}
