/// A note's plain text as HTML, for helpdesks whose note bodies are HTML: escaped, line breaks kept.
enum NoteHTML {
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }
}
