import ArgumentParser
import Foundation
import QuimbiSupport

/// `quimbi policy`: work with support policy files.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check a support policy file, explain its decisions, measure the support logic.",
        subcommands: [Check.self, PolicyExplainCommand.self, PolicyBenchCommand.self]
    )

    /// `quimbi policy check FILE`: validates a policy file, listing every problem with its line.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a YAML policy file; every problem is printed as FILE:LINE:COLUMN: reason.",
            discussion: "Exit code 0 when the file is a valid policy, 1 when it is not, 66 when it cannot be read."
        )

        @Argument(help: "The policy file, e.g. Deploy/policy/default.yaml.")
        var file: String

        func run() throws {
            do throws(PolicyError) {
                let policy = try SupportPolicy.load(contentsOf: file)
                let matchesDefault = policy == .default ? ", same as the compiled-in default" : ""
                print("\(file): valid policy (\(policy.discountRules.count) discount rules, \(policy.escalationRules.count) escalation rules, holdout \(policy.holdoutPercent) %\(matchesDefault))")
            } catch {
                FileHandle.standardError.write(Data("\(error.code): \(error.message)\n".utf8))
                throw ExitCode(error.kind == .unreadable ? 66 : 1)
            }
        }
    }
}
