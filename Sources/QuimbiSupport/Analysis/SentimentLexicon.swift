/// Word valences for the sentiment analyzer (en, es, fr, de), plus the words that negate or
/// intensify the next few words and the phrases that are plainly sarcastic.
enum SentimentLexicon {
    /// Phrase → valence in [−3, 3].
    static let valences: [(String, Double)] = positive.map { ($0, 1.5) } + strongPositive.map { ($0, 2.5) }
        + negative.map { ($0, -1.5) } + strongNegative.map { ($0, -2.5) }

    private static let positive = [
        "good", "great", "nice", "happy", "glad", "pleased", "love", "loved", "thank", "thanks",
        "thank you", "appreciate", "helpful", "quick", "fast", "beautiful", "lovely", "satisfied", "enjoy", "enjoyed",
        "bueno", "buena", "contento", "contenta", "gracias", "encanta", "rapido", "bonito", "bon", "bonne", "content",
        "contente", "merci", "rapide", "joli", "satisfait", "gut", "zufrieden", "danke", "schnell", "freue",
    ]
    private static let strongPositive = [
        "amazing", "awesome", "excellent", "fantastic", "wonderful", "perfect", "brilliant", "outstanding", "best",
        "delighted", "excelente", "maravilloso", "perfecto", "genial", "parfait", "magnifique", "formidable",
        "hervorragend", "ausgezeichnet", "perfekt", "wunderbar", "toll",
    ]
    private static let negative = [
        "bad", "poor", "slow", "late", "wrong", "problem", "issue", "annoyed", "annoying", "upset", "unhappy", "sad",
        "disappointed", "disappointing", "confused", "broken", "damaged", "missing", "expensive", "overpriced",
        "high compared", "forever", "lost", "waiting", "never", "complaint", "sorry", "worried", "concerned", "fail", "failed",
        "malo", "mala", "lento", "problema", "roto", "caro", "decepcionado", "molesto", "mauvais", "mauvaise", "lent",
        "probleme", "casse", "cher", "decu", "decue", "ennuye", "schlecht", "langsam", "falsch", "kaputt", "teuer",
        "enttauscht", "argerlich",
    ]
    private static let strongNegative = [
        "terrible", "awful", "horrible", "worst", "hate", "furious", "angry", "unacceptable", "ridiculous", "disgusting",
        "frustrating", "frustrated", "scam", "rip off", "ripoff", "useless", "pathetic", "disgraceful", "appalling",
        "lawyer", "chargeback", "fraud", "pesimo", "furioso", "inaceptable", "estafa", "frustrante",
        "nul", "nulle", "inacceptable", "arnaque", "furieux", "scandaleux", "schrecklich", "furchtbar", "wutend",
        "inakzeptabel", "betrug", "unverschamt", "katastrophe",
    ]

    /// Words that flip the valence of the next three words ("not happy", "never arrived").
    static let negators = [
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "cannot", "wont",
        "hardly", "without", "nothing", "nobody", "nunca", "jamas", "sin", "nada", "ne", "pas", "jamais", "sans", "rien",
        "nicht", "nie", "kein", "keine", "keinen", "ohne", "nichts",
    ]

    /// Words that strengthen the next word.
    static let intensifiers = [
        "very", "so", "really", "extremely", "incredibly", "totally", "completely", "absolutely", "super", "truly",
        "muy", "tan", "realmente", "tres", "vraiment", "tellement", "sehr", "wirklich", "total", "echt",
    ]

    /// Plain sarcasm: praise words used to complain.
    static let sarcasm = [
        "thanks for nothing", "thanks a lot for nothing", "oh great", "just great", "yeah right", "oh wonderful",
        "oh perfect", "great job guys", "well done guys", "love waiting", "love how", "love that i", "so much for",
        "what a joke", "fantastic service not", "really impressive not", "gracias por nada", "que bien", "merci pour rien",
        "bravo", "danke fur nichts", "na toll", "super gemacht",
    ]
}
