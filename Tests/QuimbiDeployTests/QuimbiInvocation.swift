/// One place where a deployment file runs `quimbi`: a compose service or a Kubernetes container.
struct QuimbiInvocation {
    /// Where it is, for failure messages (`docker-compose.yml service worker`).
    let location: String
    /// The arguments after `quimbi` (the image's entrypoint), e.g. `["worker"]`.
    let arguments: [String]
    /// Environment variable names given to the process.
    let environment: Set<String>

    /// The long flags among the arguments (`--postgres=URL` counts as `--postgres`).
    var flags: [String] {
        arguments.filter { $0.hasPrefix("--") }.map { String($0.split(separator: "=", maxSplits: 1)[0]) }
    }

    /// The `QUIMBI_*` variables among the environment.
    var quimbiVariables: [String] {
        environment.filter { $0.hasPrefix("QUIMBI_") }.sorted()
    }

    /// What the program's own help says against this invocation: unknown flags and unread variables.
    func problems(against help: ProgramHelp) -> [String] {
        let name = (["quimbi"] + help.command).joined(separator: " ")
        let unknownFlags = flags.filter { !help.flags.contains($0) }
        let unreadVariables = quimbiVariables.filter { !help.readsEnvironmentVariable($0) }
        return unknownFlags.map { "\(location): \(name) has no flag \($0)" }
            + unreadVariables.map { "\(location): \(name) does not read \($0) (its --help names no such variable)" }
    }
}
