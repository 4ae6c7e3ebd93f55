import Testing

/// README's "Running in production" section: its configuration tables say what `--help` says.
@Suite struct ReadmeTests {
    struct Row {
        let flag: String
        /// The environment variable, `nil` for `—` (the flag has none).
        let variable: String?
        let defaultValue: String
    }

    /// The section from `## Running in production` to the next `## ` heading.
    static func productionSection() throws -> String {
        let readme = try RepositoryFiles.text(RepositoryFiles.readme)
        let start = try #require(readme.range(of: "\n## Running in production\n"), "README has no Running in production section")
        let rest = readme[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The configuration tables, by command: rows under each ``#### `quimbi COMMAND` `` heading.
    static func tables(in section: String) -> [String: [Row]] {
        var tables: [String: [Row]] = [:]
        var command: String?
        for line in section.split(separator: "\n") {
            if let heading = line.wholeMatch(of: /#### `quimbi ([a-z-]+)`/) {
                command = String(heading.output.1)
                tables[String(heading.output.1)] = []
            } else if let command, let row = line.wholeMatch(of: /\| `(--[a-z0-9-]+)` \| (?:`([A-Z0-9_]+)`|—) \| `?([^|`]*)`? \|.*\|/) {
                tables[command, default: []].append(Row(
                    flag: String(row.output.1), variable: row.output.2.map(String.init),
                    defaultValue: row.output.3.trimmingCharacters(in: .whitespaces)))
            }
        }
        return tables
    }

    @Test func configurationTablesMatchTheHelp() async throws {
        let tables = Self.tables(in: try Self.productionSection())
        #expect(tables.keys.sorted() == ["serve", "worker"], "tables for: \(tables.keys.sorted())")
        for (command, rows) in tables {
            let help = try await QuimbiProgram.help([command])
            #expect(Set(rows.map(\.flag)) == help.flags.subtracting(["--help", "--version"]),
                    "quimbi \(command): README lists \(rows.map(\.flag).sorted()), --help has \(help.flags.sorted())")
            for row in rows {
                let description = help.description(of: row.flag) ?? ""
                if let variable = row.variable {
                    #expect(description.contains(variable), "quimbi \(command) \(row.flag) does not name \(variable)")
                } else {
                    #expect(!description.contains("QUIMBI_"), "quimbi \(command) \(row.flag) names a variable the README leaves out")
                }
                #expect(row.defaultValue == (help.defaultValue(of: row.flag) ?? "—"), "quimbi \(command) \(row.flag): README default \(row.defaultValue), --help \(help.defaultValue(of: row.flag) ?? "none")")
            }
        }
    }

    @Test func aTableRowIsParsed() {
        let section = "#### `quimbi worker`\n\n| flag | environment | default | meaning |\n|---|---|---|---|\n| `--group` | `QUIMBI_GROUP` | `quimbi-worker` | group |\n| `--policy` | `QUIMBI_POLICY` | — | policy file |\n| `--timeout-ms` | — | `5000` | timeout |\n"
        let rows = Self.tables(in: section)["worker"] ?? []
        #expect(rows.map(\.flag) == ["--group", "--policy", "--timeout-ms"])
        #expect(rows.map(\.variable) == ["QUIMBI_GROUP", "QUIMBI_POLICY", nil])
        #expect(rows.map(\.defaultValue) == ["quimbi-worker", "—", "5000"])
    }
}
