import Foundation

/// The `--help` of a `quimbi` (sub)command, produced by the built binary: what the deployment files may use.
struct ProgramHelp: Sendable {
    /// The subcommand path, e.g. `["worker"]`; empty for the root command.
    let command: [String]
    let text: String

    private var lines: [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The option definitions (`--brokers <brokers>`, `-h, --help`): lines indented by two spaces that
    /// start with `-`, with the description that follows up to the next definition, joined into one line.
    private var options: [(flags: [String], description: String)] {
        var result: [(flags: [String], description: String)] = []
        for line in lines {
            if line.hasPrefix("  -") {
                let tokens = line.split(separator: " ")
                let definition = tokens.prefix { $0.hasPrefix("-") || $0.hasPrefix("<") || $0.hasPrefix("[") }
                let flags = definition.flatMap { $0.matches(of: /--[a-z0-9][a-z0-9-]*/).map { String($0.output) } }
                result.append((flags, tokens.dropFirst(definition.count).joined(separator: " ")))
            } else if line.hasPrefix("   "), !result.isEmpty {
                result[result.count - 1].description += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    /// The long flags the command accepts.
    var flags: Set<String> {
        Set(options.flatMap(\.flags))
    }

    /// The description the help gives `flag`, wrapped lines joined.
    func description(of flag: String) -> String? {
        options.first { $0.flags.contains(flag) }?.description
    }

    /// The default the help shows for `flag` (`(default: 20)` → `"20"`).
    func defaultValue(of flag: String) -> String? {
        description(of: flag)?.firstMatch(of: /\(default: ([^)\s]+)\)/).map { String($0.output.1) }
    }

    /// The subcommands listed under `SUBCOMMANDS:` (name lines are indented by exactly two spaces).
    var subcommands: Set<String> {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("SUBCOMMANDS:") }) else { return [] }
        var names: Set<String> = []
        for line in lines[(start + 1)...] {
            if line.isEmpty { break }
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { continue }
            names.insert(String(name))
        }
        return names
    }

    /// Whether the help names `variable` as one the command reads. A family such as
    /// `QUIMBI_KAFKA_<key>` is named by its prefix `QUIMBI_KAFKA_`.
    func readsEnvironmentVariable(_ variable: String) -> Bool {
        for match in text.matches(of: /QUIMBI_[A-Z0-9_]+/) {
            let named = String(match.output)
            if named == variable || (named.hasSuffix("_") && variable.hasPrefix(named) && variable.count > named.count) {
                return true
            }
        }
        return false
    }
}
