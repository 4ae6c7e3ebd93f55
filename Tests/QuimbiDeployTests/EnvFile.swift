/// The `NAME=value` lines of an environment file such as Deploy/env.example, including the commented-out
/// ones (`# NAME=value`), which document optional settings.
enum EnvFile {
    struct Assignment: Equatable {
        let name: String
        let value: String
        let isCommentedOut: Bool
    }

    static func assignments(in text: String) -> [Assignment] {
        text.split(separator: "\n").compactMap { line in
            guard let match = line.wholeMatch(of: /(#\s*)?([A-Z][A-Z0-9_]*)=(.*)/) else { return nil }
            return Assignment(name: String(match.output.2), value: String(match.output.3), isCommentedOut: match.output.1 != nil)
        }
    }
}
