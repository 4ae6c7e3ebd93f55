import Foundation

/// The built `quimbi` binary, run off Swift's cooperative pool (a subprocess wait blocks its thread).
enum QuimbiProgram {
    /// `QUIMBI_BIN`, else `quimbi` next to the test bundle, else `.build/debug/quimbi`.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["QUIMBI_BIN"] { return URL(fileURLWithPath: path) }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("quimbi")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return RepositoryFiles.root.appendingPathComponent(".build/debug/quimbi")
    }

    /// The help of `quimbi <command…> --help`, run with no `QUIMBI_*` variables so that nothing set
    /// around the test changes it. Throws when the command does not exist: a non-zero exit, or the help
    /// of another command (ArgumentParser answers `quimbi unknown --help` with the root's help).
    static func help(_ command: [String]) async throws -> ProgramHelp {
        let name = (["quimbi"] + command).joined(separator: " ")
        let result = try await run(executable: binary, arguments: command + ["--help"])
        guard result.status == 0 else {
            throw DeployFileError("\(name) --help exited \(result.status): \(result.output)")
        }
        guard result.output.contains("USAGE: \(name) ") || result.output.contains("USAGE: \(name)\n") else {
            throw DeployFileError("\(name) is no command: --help printed another command's usage")
        }
        return ProgramHelp(command: command, text: result.output)
    }

    /// The help of the (sub)command that `arguments` invoke: follows leading arguments while they name
    /// a subcommand listed by the help so far.
    static func help(invokedBy arguments: [String]) async throws -> ProgramHelp {
        var current = try await help([])
        for argument in arguments where !argument.hasPrefix("-") {
            guard current.subcommands.contains(argument) else { break }
            current = try await help(current.command + [argument])
        }
        return current
    }

    struct Result: Sendable {
        let status: Int32
        let output: String
    }

    /// Runs `executable` with a clean `QUIMBI_*`-free environment; stdout and stderr together.
    static func run(executable: URL, arguments: [String], environment extra: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("QUIMBI_") }
                environment.merge(extra) { _, new in new }
                process.environment = environment
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                do {
                    try process.run()
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
