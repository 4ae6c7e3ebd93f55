import Foundation

/// The customer's own words from a helpdesk message body: HTML turned into text, and the quoted
/// earlier conversation (reply headers, `>` lines, forwarded originals, reply separators) cut off.
public enum MessageText {
    /// Plain text of `body`, which may be HTML or text.
    public static func plain(_ body: String) -> String {
        let text = looksLikeHTML(body) ? HTMLText.text(of: body) : body
        return withoutQuotedReply(text)
    }

    /// Whether `body` is markup rather than text that merely holds a `<` (as in `Shop <help@shop.example>`).
    private static func looksLikeHTML(_ body: String) -> Bool {
        let lower = body.lowercased()
        return ["</", "<br", "<p>", "<p ", "<div", "<html", "<span", "<blockquote"].contains { lower.contains($0) }
    }

    /// `text` up to the first line that opens a quoted reply, without `>` lines, blank runs collapsed.
    static func withoutQuotedReply(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if opensQuote(trimmed) { break }
            if trimmed.hasPrefix(">") { continue }
            if trimmed.isEmpty, kept.last.map({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? true { continue }
            kept.append(Substring(line.replacingOccurrences(of: "\r", with: "")))
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `line` starts the quoted part of a reply, in the forms mail clients and helpdesks write.
    private static func opensQuote(_ line: String) -> Bool {
        let lower = line.lowercased()
        if lower.hasPrefix("on "), lower.hasSuffix("wrote:") { return true }
        if lower.hasPrefix("le "), lower.hasSuffix("a écrit :") || lower.hasSuffix("a écrit:") { return true }
        if lower.hasPrefix("am "), lower.hasSuffix("schrieb:") { return true }
        if lower.contains("original message"), lower.hasPrefix("-") { return true }
        if lower.hasPrefix("##- "), lower.hasSuffix(" -##") { return true }
        if lower.hasPrefix("from:"), lower.contains("@") { return true }
        if lower.hasPrefix("-- "), lower.count <= 3 { return true }
        return false
    }
}
