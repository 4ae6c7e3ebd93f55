import Foundation

/// Just enough PromQL to find the metric names an expression reads.
enum PromQL {
    static let keywords: Set<String> = [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
        // Aggregation operators, which may be followed by a grouping clause before their parenthesis.
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
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
        var names: Set<String> = []
        // Numbers (`0.99`, `1e-3`) are matched as a whole so that their digits and exponents are no identifiers.
        for match in text.matches(of: /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/) {
            guard let identifier = match.output.1.map(String.init) else { continue }
            let isFunctionCall = match.output.2 != nil
            if !isFunctionCall && !keywords.contains(identifier.lowercased()) { names.insert(identifier) }
        }
        return names
    }
}
