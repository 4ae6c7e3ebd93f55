import Foundation

/// Just enough PromQL to find the metric names an expression reads.
enum PromQL {
    static let keywords: Set<String> = [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    ]

    /// The metric names read by `expression`: identifiers that are not functions, keywords, label names
    /// (inside `{…}` or a grouping clause), durations or numbers.
    static func metricNames(in expression: String) -> Set<String> {
        var text = expression
        text.replace(/"(?:[^"\\]|\\.)*"/, with: "\"\"")
        text.replace(/\{[^}]*\}/, with: " ")
        text.replace(/\[[^\]]*\]/, with: " ")
        text.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/) { " \($0.output.1) " }
        text.replace(/\boffset\s+-?[0-9]+[a-z]+/, with: " ")
        text.replace(/(?<![A-Za-z0-9_:])[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/, with: " ")
        var names: Set<String> = []
        for match in text.matches(of: /([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/) {
            let identifier = String(match.output.1)
            let isFunctionCall = match.output.2 != nil
            if !isFunctionCall && !keywords.contains(identifier.lowercased()) { names.insert(identifier) }
        }
        return names
    }
}
