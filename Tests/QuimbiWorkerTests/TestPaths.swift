import Foundation

/// Files of the repository the tests use: the built `quimbi` binary, the event schemas, tools.
enum TestPaths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let eventSchemas = repositoryRoot.appendingPathComponent("Schemas/events")
    static let schemaValidator = repositoryRoot.appendingPathComponent("Tests/Tools/validate_events.py")

    /// `QUIMBI_BIN`, else `quimbi` next to the test bundle, else `.build/debug/quimbi`.
    static var quimbiBinary: URL {
        if let path = ProcessInfo.processInfo.environment["QUIMBI_BIN"] { return URL(fileURLWithPath: path) }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("quimbi")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repositoryRoot.appendingPathComponent(".build/debug/quimbi")
    }
}
