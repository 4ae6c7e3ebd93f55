import Foundation

/// The `--help` of a `quimbi` (sub)command, produced by the built binary: what the deployment files may use.
struct ProgramHelp: Sendable {
    /// The subcommand path, e.g. `["worker"]`; empty for the root command.
    let command: [String]
    let text: String

    /// The long flags the command accepts (`--brokers`), read from the option definitions of the help:
    /// lines indented by two spaces that start with `-`, up to the gap before the description.
    var flags: Set<String> {
        var found: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("  -") {
            let definition = line.dropFirst(2).split(separator: "  ", maxSplits: 1).first ?? ""
            for match in definition.matches(of: /--[a-z0-9][a-z0-9-]*/) {
                found.insert(String(match.output))
            }
        }
        return found
    }

    /// The subcommands listed under `SUBCOMMANDS:`.
    var subcommands: Set<String> {
        guard let section = text.range(of: "SUBCOMMANDS:") else { return [] }
        var names: Set<String> = []
        for line in text[section.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("  "), let name = line.split(separator: " ").first else { break }
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
