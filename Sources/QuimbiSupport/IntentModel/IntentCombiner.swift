import QuimbiCore

/// Settles a ticket's intent from the lexicon's reading and the model's probabilities.
///
/// The rule, measured on the held-out part of the team's set and the blind round (see `quimbi intent evaluate`):
/// - the two agree: that intent (`lexicon+model`);
/// - the lexicon read precise phrase cues (confidence ≥ ``lexiconStands``) and the model is not sure
///   (below ``modelOverrules``): the lexicon's reading stands (`lexicon`);
/// - otherwise the model decides (`model`), if sure enough: an intent that can earn an offer needs
///   ``offerNeeds``, any other ``plainNeeds``; a less certain reading is `general` with the candidates
///   listed as secondary, so that an uncertain reading never buys a discount.
///
/// Negation and sarcasm still apply: an intent whose every cue the lexicon found negated ("not
/// damaged") is not the model's to read either, and praise in a sarcastic ticket is not praise.
struct IntentCombiner: Sendable {
    static let lexiconStands = 0.8
    static let modelOverrules = 0.6
    static let offerNeeds = 0.3
    static let plainNeeds = 0.2
    /// Candidates at least this probable are listed as secondary.
    static let secondaryNeeds = 0.15

    func combine(_ lexicon: LexiconIntent, sarcastic: Bool, model: IntentProbabilities) -> Intent {
        let lexical = lexicon.intent
        let candidates = model.ranked.filter { candidate in
            !(sarcastic && candidate.label == .praise) && !lexicon.negated.contains(candidate.label)
        }
        guard let top = candidates.first else { return lexical }
        let others = candidates.dropFirst().filter { $0.probability >= Self.secondaryNeeds }.map(\.label)
        if lexical.label != .general {
            if lexical.label == top.label {
                var agreed = lexical
                agreed.confidence = Self.rounded(max(lexical.confidence, top.probability))
                agreed.secondary = Self.merged(lexical.secondary, others, excluding: top.label)
                agreed.reader = .lexiconAndModel
                return agreed
            }
            if lexical.confidence >= Self.lexiconStands, top.probability < Self.modelOverrules {
                var stands = lexical
                stands.secondary = Self.merged(lexical.secondary, [top.label], excluding: lexical.label)
                return stands
            }
        }
        let needed = IntentDetector.offerIntents.contains(top.label) ? Self.offerNeeds : Self.plainNeeds
        guard top.probability >= needed else {
            return Intent(
                label: .general, confidence: Self.rounded(1 - top.probability), signals: lexicon.flags,
                secondary: [top.label] + others, reader: .model)
        }
        return Intent(
            label: top.label, confidence: Self.rounded(top.probability), signals: lexicon.flags,
            secondary: Self.merged(others, lexical.label == .general ? [] : [lexical.label], excluding: top.label), reader: .model)
    }

    private static func merged(_ first: [IntentLabel], _ second: [IntentLabel], excluding primary: IntentLabel) -> [IntentLabel] {
        var seen: Set<IntentLabel> = [primary, .general]
        return (first + second).filter { seen.insert($0).inserted }
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
