import QuimbiCore

/// Detects the language of a ticket from its function words (en, es, fr, de drafted; pt, it, nl
/// and non-Latin scripts recognised so that they can be flagged), falling back to the helpdesk's
/// tag and then to English for messages too short to tell.
struct LanguageDetector: Sendable {
    /// Languages the drafters write.
    static let supported: Set<String> = ["en", "es", "fr", "de"]

    /// Words frequent in one language and rare in the others (folded, as tokenized).
    static let functionWords: [String: Set<String>] = [
        "en": ["the", "and", "is", "my", "you", "your", "it", "this", "that", "with", "for", "have", "was", "what", "would",
               "im", "dont", "can", "please", "order", "thanks", "i", "of", "to", "are", "not", "be", "been", "get", "why",
               "when", "where", "how", "just", "still", "its", "me", "we", "will", "did", "hi", "hello", "from", "they"],
        "es": ["el", "los", "las", "una", "mi", "mis", "es", "por", "para", "que", "con", "pero", "como", "muy", "pedido",
               "hola", "gracias", "esta", "estoy", "tengo", "quiero", "cuando", "donde", "usted", "ustedes", "del", "lo",
               "ya", "todavia", "porque", "nunca", "hace", "hay", "su", "sus", "mas", "favor", "y", "son", "voy", "otra", "otro",
               "al", "muchas", "llego", "hacen", "tienen", "puedo", "hilo", "envio", "envios"],
        "fr": ["le", "les", "une", "mon", "ma", "mes", "est", "et", "pour", "avec", "mais", "je", "vous", "votre", "vos",
               "commande", "bonjour", "merci", "pas", "ne", "que", "qui", "des", "du", "au", "aux", "suis", "jai", "cest",
               "tres", "toujours", "depuis", "souhaite", "comment", "faire", "voudrais", "quand", "ou", "il", "elle", "nous", "sur", "ce", "cette", "d", "l", "j", "n", "qu"],
        "de": ["der", "die", "das", "und", "ist", "ich", "nicht", "mein", "meine", "meinen", "sie", "ihr", "ihre", "mit",
               "fur", "aber", "bestellung", "hallo", "danke", "bitte", "noch", "schon", "wann", "wo", "warum", "ein", "eine",
               "einen", "habe", "hat", "vielen", "dank", "wurde", "auf", "zu", "sehr", "immer", "seit", "kann", "keine", "auch", "dem", "den"],
        "pt": ["o", "os", "um", "uma", "meu", "minha", "voce", "nao", "obrigado", "obrigada", "pedido", "ainda", "ola",
               "com", "mas", "muito", "quando", "onde", "recebi", "encomenda", "porque", "esta", "isso", "foi", "ja"],
        "it": ["il", "gli", "di", "che", "non", "sono", "mio", "mia", "ordine", "grazie", "ciao", "ancora", "quando",
               "dove", "perche", "molto", "questo", "questa", "ho", "per", "ma", "anche", "buongiorno"],
        "nl": ["de", "het", "een", "ik", "niet", "mijn", "is", "en", "van", "bestelling", "bedankt", "nog", "wanneer",
               "waar", "heb", "jullie", "u", "uw", "maar", "ook", "dat", "geen", "hallo", "graag"],
    ]

    /// Every function word, numbered, looked up for every token of every ticket (tokens and these words are
    /// folded alike, so they are found by their bytes).
    private static let words = NumberedSpellings(languagesByWord.map(\.word))
    /// The languages of each of ``words``.
    private static let wordLanguages = languagesByWord.map(\.languages)

    private static let languagesByWord: [(word: String, languages: [String])] = {
        var table: [String: [String]] = [:]
        for (language, words) in functionWords.sorted(by: { $0.key < $1.key }) {
            for word in words { table[word, default: []].append(language) }
        }
        return table.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }()

    /// Every function word of every language (words the typo corrector must leave alone).
    static var allFunctionWords: Set<String> { Set(words.spellings) }

    /// The ISO 639-1 code of `text`'s language.
    func detect(_ text: TokenizedText, declared: String?) -> String {
        if let (system, letters) = text.otherScriptLetters.max(by: { $0.value < $1.value }), letters * 2 >= text.letterCount {
            return system.likelyLanguage
        }
        var scores: [String: Double] = text.invertedMarkCount > 0 ? ["es": 1.5 * Double(text.invertedMarkCount)] : [:]
        for token in text.tokens {
            guard let word = Self.words.number(of: token) else { continue }
            let languages = Self.wordLanguages[word]
            let share = 1 / Double(languages.count)
            for language in languages { scores[language, default: 0] += share }
        }
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let declaredCode = declared.flatMap(Self.primarySubtag)
        let clear = ranked.count == 1 ? 1.0 : 1.5
        guard let best = ranked.first, best.value >= clear else { return declaredCode ?? "en" }
        let runnerUp = ranked.dropFirst().first?.value ?? 0
        if best.value - runnerUp < 1, let declaredCode, scores[declaredCode] != nil { return declaredCode }
        return best.key
    }

    /// `es` from `es-MX`, lowercased; nil for an empty or malformed tag.
    static func primarySubtag(_ tag: String) -> String? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() }
        guard let primary, (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) else { return nil }
        return primary
    }
}
