/// Text made safe to place in HTML.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>` and `"` written as character references, so it stays text inside an
    /// element and inside a double-quoted attribute value; each newline is replaced by `newline`.
    public static func escape(_ text: String, newline: String = "\n") -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += newline
            default: out.append(character)
            }
        }
        return out
    }
}
