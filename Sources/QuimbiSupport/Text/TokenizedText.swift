/// A ticket's text read once: lowercased, diacritic-folded word tokens plus the few
/// typographic facts the analyzers need. Every cue matcher works on these tokens.
struct TokenizedText: Sendable {
    /// Word tokens, lowercased and folded (`é` → `e`, `ß` → `ss`); `%` is a token of its own.
    var tokens: [String]
    /// For each token, the number of the clause it stands in: clauses are separated by
    /// `, . ; : ! ?`, `¿ ¡` and line breaks, so that negation does not reach across them.
    var clauses: [Int] = []
    /// Letters seen, and how many of them were upper case (shouting).
    var letterCount = 0
    var upperCaseCount = 0
    var exclamationCount = 0
    /// `¿` and `¡`, which only Spanish writes.
    var invertedMarkCount = 0
    /// `?` and `¿`: the ticket asks something.
    var questionMarkCount = 0
    /// Letters by writing system other than Latin, e.g. `cyrillic`.
    var otherScriptLetters: [WritingSystem: Int] = [:]

    /// Share of letters that are upper case, in [0, 1].
    var upperCaseShare: Double { letterCount == 0 ? 0 : Double(upperCaseCount) / Double(letterCount) }

    /// Tokenizes `text` in one pass over its Unicode scalars.
    init(_ text: String) {
        tokens = []
        tokens.reserveCapacity(text.utf8.count / 5)
        var current: [UInt8] = []
        var pendingApostrophe = false
        var clause = 0
        var clauseEnded = false

        func append(_ token: String) {
            if clauseEnded {
                clause += 1
                clauseEnded = false
            }
            tokens.append(token)
            clauses.append(clause)
        }

        func flush() {
            if !current.isEmpty { append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            pendingApostrophe = false
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if byte >= UInt8(ascii: "a") { letterCount += 1 }
                    resolveApostrophe(&current, &pendingApostrophe, emit: append)
                    current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    letterCount += 1
                    upperCaseCount += 1
                    resolveApostrophe(&current, &pendingApostrophe, emit: append)
                    current.append(byte | 0x20)
                case UInt8(ascii: "'"):
                    if current.isEmpty { continue }
                    pendingApostrophe = true
                case UInt8(ascii: "%"):
                    flush()
                    append("%")
                case UInt8(ascii: "!"):
                    flush()
                    exclamationCount += 1
                    clauseEnded = true
                case UInt8(ascii: "?"):
                    flush()
                    questionMarkCount += 1
                    clauseEnded = true
                case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), 0x0A:
                    flush()
                    clauseEnded = true
                default:
                    flush()
                }
                continue
            }
            if value == 0x2019 || value == 0x02BC {  // ’ and ʼ act as apostrophes
                if !current.isEmpty { pendingApostrophe = true }
                continue
            }
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                flush()
                if value == 0xBF || value == 0xA1 {  // ¿ ¡
                    invertedMarkCount += 1
                    if value == 0xBF { questionMarkCount += 1 }
                    clauseEnded = true
                }
                continue
            }
            letterCount += 1
            if scalar.properties.isUppercase { upperCaseCount += 1 }
            let lower = scalar.properties.lowercaseMapping
            let folded = lower.unicodeScalars.first.flatMap { DiacriticFolding.ascii[$0] } ?? lower
            if let system = WritingSystem(scalar) { otherScriptLetters[system, default: 0] += 1 }
            resolveApostrophe(&current, &pendingApostrophe, emit: append)
            current.append(contentsOf: folded.utf8)
        }
        flush()
    }
}

/// An apostrophe inside a word joins English contractions (`don't` → `dont`, `where's` → `wheres`)
/// and splits French elisions (`l'article` → `l`, `article`).
private func resolveApostrophe(_ current: inout [UInt8], _ pending: inout Bool, emit: (String) -> Void) {
    guard pending else { return }
    pending = false
    if frenchElisions.contains(current) {
        emit(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
    }
}

private let frenchElisions: Set<[UInt8]> = Set(
    ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"].map { Array($0.utf8) }
)

/// Writing systems other than Latin, recognised from a letter's code point.
enum WritingSystem: String, Sendable, Hashable {
    case cyrillic, greek, arabic, hebrew, devanagari, thai, hangul, kana, han

    init?(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0370...0x03FF: self = .greek
        case 0x0400...0x04FF: self = .cyrillic
        case 0x0590...0x05FF: self = .hebrew
        case 0x0600...0x06FF: self = .arabic
        case 0x0900...0x097F: self = .devanagari
        case 0x0E00...0x0E7F: self = .thai
        case 0x1100...0x11FF, 0xAC00...0xD7AF: self = .hangul
        case 0x3040...0x30FF: self = .kana
        case 0x4E00...0x9FFF: self = .han
        default: return nil
        }
    }

    /// The ISO 639-1 code of the language most written in this system.
    var likelyLanguage: String {
        switch self {
        case .cyrillic: "ru"
        case .greek: "el"
        case .arabic: "ar"
        case .hebrew: "he"
        case .devanagari: "hi"
        case .thai: "th"
        case .hangul: "ko"
        case .kana: "ja"
        case .han: "zh"
        }
    }
}

/// Latin letters with diacritics mapped to plain ASCII.
enum DiacriticFolding {
    static let ascii: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
            ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = plain }
        }
        return table
    }()
}
