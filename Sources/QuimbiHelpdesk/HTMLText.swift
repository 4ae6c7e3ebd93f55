/// HTML to readable text: block ends become line breaks, `<blockquote>`, `<script>`, `<style>` and
/// `<head>` content is dropped, other tags are removed, character references are decoded.
enum HTMLText {
    private static let droppedElements: Set<String> = ["blockquote", "script", "style", "head"]
    private static let lineBreaking: Set<String> = ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]

    static func text(of html: String) -> String {
        var out = ""
        var dropping: [String] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            guard character == "<", let close = html[index...].firstIndex(of: ">") else {
                if dropping.isEmpty { out.append(character) }
                index = html.index(after: index)
                continue
            }
            let tag = Tag(html[html.index(after: index)..<close])
            index = html.index(after: close)
            if droppedElements.contains(tag.name), !tag.selfClosing {
                if tag.closing {
                    if let last = dropping.lastIndex(of: tag.name) { dropping.remove(at: last) }
                } else {
                    dropping.append(tag.name)
                }
                continue
            }
            if dropping.isEmpty, lineBreaking.contains(tag.name) { out.append("\n") }
        }
        return CharacterReferences.decode(out)
    }

    /// The name of a tag and whether it closes (`</p>`) or closes itself (`<br/>`).
    private struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool

        init(_ inside: Substring) {
            closing = inside.hasPrefix("/")
            selfClosing = inside.hasSuffix("/")
            name = String(inside.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
        }
    }
}

/// Decodes HTML character references: the named ones mail bodies use, and numeric ones.
enum CharacterReferences {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…", "mdash": "—", "ndash": "–",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "euro": "€", "eacute": "é", "egrave": "è", "agrave": "à",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            let candidate = rest[rest.index(after: ampersand)...].prefix(10)
            if let semicolon = candidate.firstIndex(of: ";"), let decoded = character(String(candidate[..<semicolon])) {
                out += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: ampersand)...]
            }
        }
        return out + rest
    }

    private static func character(_ reference: String) -> String? {
        if let value = named[reference] { return value }
        guard reference.hasPrefix("#") else { return nil }
        let digits = reference.dropFirst()
        let code = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return code.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
