import Testing

/// Every `quimbi` subcommand, flag and `QUIMBI_*` variable the deployment files use exists in the
/// built program's own `--help`.
@Suite struct ProgramInterfaceTests {
    @Test func composeServicesUseOnlyExistingCommandsFlagsAndVariables() async throws {
        let invocations = try ComposeFile().invocations
        #expect(invocations.count >= 5, "compose should run migrate, generate, segment, worker and serve")
        try await expectTrueToHelp(invocations)
    }

    @Test func kubernetesContainersUseOnlyExistingCommandsFlagsAndVariables() async throws {
        let invocations = try KubernetesManifests().invocations
        #expect(invocations.count >= 2, "the manifests should run the worker and serve")
        try await expectTrueToHelp(invocations)
    }

    @Test func envExampleNamesOnlyVariablesTheComposeCommandsRead() async throws {
        var helps: [ProgramHelp] = []
        for invocation in try ComposeFile().invocations {
            helps.append(try await QuimbiProgram.help(invokedBy: invocation.arguments))
        }
        let variables = try EnvFile.assignments(in: RepositoryFiles.text(RepositoryFiles.envExample)).map(\.name)
            .filter { $0.hasPrefix("QUIMBI_") }
        #expect(!variables.isEmpty)
        for variable in variables {
            #expect(helps.contains { $0.readsEnvironmentVariable(variable) }, "Deploy/env.example sets \(variable), which no compose command reads")
        }
    }

    @Test func anUnknownFlagOrVariableIsReported() async throws {
        let help = try await QuimbiProgram.help(["worker"])
        let invocation = QuimbiInvocation(
            location: "test", arguments: ["worker", "--brokers", "kafka:9092", "--no-such-flag"],
            environment: ["QUIMBI_GROUP", "QUIMBI_NO_SUCH_SETTING", "QUIMBI_KAFKA_SECURITY_PROTOCOL", "PATH"])
        let problems = invocation.problems(against: help)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("--no-such-flag") })
        #expect(problems.contains { $0.contains("QUIMBI_NO_SUCH_SETTING") })
    }

    @Test func anUnknownSubcommandHasNoHelp() async throws {
        await #expect(throws: DeployFileError.self) { try await QuimbiProgram.help(["no-such-command"]) }
        let root = try await QuimbiProgram.help(invokedBy: ["no-such-command"])
        #expect(root.command.isEmpty, "an argument that is no subcommand must not be taken for one")
    }

    private func expectTrueToHelp(_ invocations: [QuimbiInvocation]) async throws {
        for invocation in invocations {
            let help = try await QuimbiProgram.help(invokedBy: invocation.arguments)
            #expect(!help.command.isEmpty, "\(invocation.location): \(invocation.arguments) names no quimbi subcommand")
            #expect(help.command == Array(invocation.arguments.prefix(help.command.count)), "\(invocation.location): the subcommand must come first")
            for problem in invocation.problems(against: help) {
                Issue.record(Comment(rawValue: problem))
            }
        }
    }
}
