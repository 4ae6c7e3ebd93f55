/// What a phrase of the lexicons means when it is found in a ticket.
enum CueMeaning: Sendable {
    /// An index into ``IntentLexicon/cues``.
    case intent(Int)
    case valence(Double)
    case negator
    case intensifier
    case sarcasm
}

/// All lexicons compiled once into one phrase trie and one typo corrector, so that a ticket's
/// tokens are corrected once and scanned once for every cue. A class: the readers that hold it are
/// copied into closures for every ticket, and copying it is then one retain.
final class CueIndex: Sendable {
    let trie: PhraseTrie<CueMeaning>
    let corrector: TypoCorrector

    static let shared = CueIndex()

    private init() {
        var trie = PhraseTrie<CueMeaning>()
        for (index, cue) in IntentLexicon.cues.enumerated() {
            for phrase in Set(cue.phrases) { trie.insert(phrase, payload: .intent(index)) }
        }
        var valences: [String: Double] = [:]
        for (phrase, valence) in SentimentLexicon.valences { valences[phrase] = valence }
        for (phrase, valence) in valences { trie.insert(phrase, payload: .valence(valence)) }
        for word in Set(SentimentLexicon.negators) { trie.insert(word, payload: .negator) }
        for word in Set(SentimentLexicon.intensifiers) { trie.insert(word, payload: .intensifier) }
        for phrase in Set(SentimentLexicon.sarcasm) { trie.insert(phrase, payload: .sarcasm) }
        self.trie = trie
        corrector = TypoCorrector(vocabulary: trie.vocabulary, known: LanguageDetector.allFunctionWords.union(CommonWords.english))
    }

    /// The tokens of `text` after typo correction, and the cues found in them.
    func scan(_ text: TokenizedText) -> (tokens: [String], matches: [PhraseTrie<CueMeaning>.Match]) {
        let tokens = corrector.correct(text.tokens)
        return (tokens, trie.matches(in: tokens))
    }
}
