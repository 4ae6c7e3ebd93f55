/// Defaults of `quimbi worker`, read from its `--help` (`(default: …)` after each option).
enum WorkerDefaults {
    /// The four topics: tickets, drafts, escalations, dead letters.
    static func topics() async throws -> [String] {
        let help = try await QuimbiProgram.help(["worker"])
        return try ["--tickets-topic", "--drafts-topic", "--escalations-topic", "--dlq-topic"].map { flag in
            guard let value = help.defaultValue(of: flag) else { throw DeployFileError("worker --help shows no default for \(flag)") }
            return value
        }
    }

    /// The bound of a graceful shutdown: `QUIMBI_SHUTDOWN_TIMEOUT_S` when set, else the default.
    static func shutdownTimeoutSeconds(environment: [String: String]) async throws -> Int {
        if let value = environment["QUIMBI_SHUTDOWN_TIMEOUT_S"] {
            guard let seconds = Int(value) else { throw DeployFileError("QUIMBI_SHUTDOWN_TIMEOUT_S=\(value) is no number") }
            return seconds
        }
        let help = try await QuimbiProgram.help(["worker"])
        guard let value = help.defaultValue(of: "--shutdown-timeout-s").flatMap(Int.init) else {
            throw DeployFileError("worker --help shows no default for --shutdown-timeout-s")
        }
        return value
    }
}
