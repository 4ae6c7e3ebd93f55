import QuimbiCore

/// The lexicon's reading of a ticket, with what the intent model's reading is combined with.
struct TicketReading: Sendable {
    /// The lexicon's intent reading in full.
    var lexicon: LexiconIntent
    var sentiment: Sentiment
    /// ISO 639-1 code.
    var language: String
    /// Whether plain sarcasm was found: praise is then not praise.
    var sarcastic: Bool

    /// Intent, sentiment and language as the lexicon reads them.
    var analysis: TicketAnalysis {
        TicketAnalysis(intent: lexicon.intent, sentiment: sentiment, language: language)
    }
}

/// Reads a ticket once: tokenizes subject and message, scans every lexicon in one pass and
/// derives intent, sentiment and language from the same matches.
struct TicketReader: Sendable {
    private let index = CueIndex.shared
    private let stemReader = StemReader.shared
    private let intentDetector = IntentDetector()
    private let sentimentAnalyzer = SentimentAnalyzer()
    private let languageDetector = LanguageDetector()

    /// How many tokens before a cue, within its clause, a negator still negates it.
    static let negationWindow = 3

    func read(_ ticket: TicketCreated) -> TicketReading {
        let text = TokenizedText([ticket.subject ?? "", ticket.message].joined(separator: "\n"))
        let (tokens, matches) = index.scan(text)
        var negatorAt = Set<Int>()
        var intensifierAt = Set<Int>()
        var sarcastic = false
        var intentCueAt = Set<Int>()
        for match in matches {
            switch match.payload {
            case .intent: intentCueAt.formUnion(match.range)
            case .negator: negatorAt.insert(match.range.lowerBound)
            case .intensifier: intensifierAt.insert(match.range.lowerBound)
            case .sarcasm: sarcastic = true
            case .valence: break
            }
        }
        let negated: (Range<Int>) -> Bool = { range in
            let window = max(0, range.lowerBound - Self.negationWindow)..<range.lowerBound
            return window.contains { negatorAt.contains($0) && text.clauses[$0] == text.clauses[range.lowerBound] }
        }
        let intensified: (Range<Int>) -> Bool = { range in intensifierAt.contains(range.lowerBound - 1) }
        let stemSignals = {
            stemReader.signals(in: tokens, skipping: intentCueAt, asksQuestion: text.questionMarkCount > 0, negated: negated)
        }
        let lexicon = intentDetector.detect(matches, stemSignals: stemSignals, sarcastic: sarcastic, negated: negated)
        let sentiment = sentimentAnalyzer.analyze(text, matches: matches, intent: lexicon.intent, negated: negated, intensified: intensified)
        return TicketReading(
            lexicon: lexicon, sentiment: sentiment, language: languageDetector.detect(text, declared: ticket.language), sarcastic: sarcastic)
    }
}
