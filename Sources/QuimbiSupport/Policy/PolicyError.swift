import QuimbiCore

/// One thing wrong in a policy file, at a line and column (1-based).
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending node.
    public var line: Int
    /// 1-based column of the offending node.
    public var column: Int
    /// What is wrong and what is expected.
    public var reason: String

    /// A problem at `line`:`column`.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}

/// A policy file that cannot be used. The worker refuses to start with one.
public struct PolicyError: QuimbiError, Hashable {
    /// Stable codes of policy errors.
    public enum Kind: String, Sendable, Hashable {
        /// The file cannot be read.
        case unreadable = "policy_unreadable"
        /// The file is not valid YAML.
        case syntax = "policy_syntax"
        /// Valid YAML that is not a valid policy.
        case invalid = "policy_invalid"
    }

    /// Why the file is refused.
    public var kind: Kind
    /// The file, as given.
    public var path: String
    /// Every problem found, in file order (empty for ``Kind/unreadable``).
    public var problems: [PolicyProblem]
    /// The stable code, e.g. `policy_invalid`.
    public var code: String { kind.rawValue }

    /// An error about the file at `path`.
    public init(_ kind: Kind, path: String, problems: [PolicyProblem]) {
        self.kind = kind
        self.path = path
        self.problems = problems
    }

    /// Every problem as `PATH:LINE:COLUMN: reason`, one per line.
    public var message: String {
        guard !problems.isEmpty else { return "\(path): cannot read the file" }
        return problems.map { "\(path):\($0.line):\($0.column): \($0.reason)" }.joined(separator: "\n")
    }
}
