import QuimbiCore

/// A note's plain text as HTML, for helpdesks whose note bodies are HTML: escaped, line breaks kept.
enum NoteHTML {
    static func html(_ text: String) -> String {
        HTMLEscaping.escape(text, newline: "<br>")
    }
}
