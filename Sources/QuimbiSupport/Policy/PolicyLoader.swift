import Foundation
import QuimbiCore
import Yams

extension SupportPolicy {
    /// Reads and validates the YAML policy file at `path` (format: `Deploy/policy/default.yaml`).
    /// Every problem is reported with its line and column.
    public static func load(contentsOf path: String) throws(PolicyError) -> SupportPolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError(.unreadable, path: path, problems: [])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError(.unreadable, path: path, problems: [PolicyProblem(line: 1, column: 1, reason: "the file is not UTF-8 text")])
        }
        return try parse(yaml: text, path: path)
    }

    /// Validates policy YAML; `path` only names the source in errors.
    public static func parse(yaml: String, path: String = "<policy>") throws(PolicyError) -> SupportPolicy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw PolicyError(.syntax, path: path, problems: [Self.syntaxProblem(error)])
        }
        guard let root else {
            throw PolicyError(.invalid, path: path, problems: [PolicyProblem(line: 1, column: 1, reason: "the policy file is empty")])
        }
        var reader = PolicyReader()
        let policy = reader.policy(root)
        guard let policy, reader.problems.isEmpty else {
            throw PolicyError(.invalid, path: path, problems: reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return policy
    }

    private static func syntaxProblem(_ error: any Error) -> PolicyProblem {
        guard let yamlError = error as? YamlError else { return PolicyProblem(line: 1, column: 1, reason: "\(error)") }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return PolicyProblem(line: mark.line, column: mark.column, reason: "YAML syntax error: \(detail)")
        case .reader(let problem, _, _, _):
            return PolicyProblem(line: 1, column: 1, reason: "YAML reader error: \(problem)")
        default:
            return PolicyProblem(line: 1, column: 1, reason: "YAML error: \(yamlError)")
        }
    }
}
