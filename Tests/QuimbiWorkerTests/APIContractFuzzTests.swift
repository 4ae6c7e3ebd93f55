import Foundation
import Testing

/// `quimbi serve` fuzzed against `Schemas/api/openapi.yaml` by schemathesis (PyPI, installed by
/// `make test` into `.build/schemathesis`), with every check on: each generated request's response
/// must have a documented status, match its schema, and refuse what the schema refuses; undeclared
/// methods must get 405. Every helpdesk webhook is configured, so its routes are exercised too.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: TestPaths.schemathesis.path)))
struct APIContractFuzzTests {
    @Test func everyGeneratedRequestGetsADocumentedAnswer() async throws {
        let cluster = try await Cluster.start()
        let port = Int.random(in: 20_000...40_000)
        let server = try QuimbiProcess(
            ["serve", "--port", String(port), "--brokers", cluster.brokers, "--customers", "500", "--rate-limit", "100000", "--rate-burst", "100000", "--login-rate", "100000"],
            environment: [
                "QUIMBI_API_KEYS": "fuzz-key", "QUIMBI_WEBHOOK_SECRET": "s", "QUIMBI_ZENDESK_WEBHOOK_SECRET": "z",
                "QUIMBI_FRESHDESK_WEBHOOK_SECRET": "f", "QUIMBI_GORGIAS_WEBHOOK_SECRET": "g", "QUIMBI_CHATWOOT_WEBHOOK_SECRET": "c",
            ])
        try await waitUntil(timeout: .seconds(60), "the API answers") {
            (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/healthz")!)) != nil
        }
        let fuzz = Process()
        fuzz.executableURL = TestPaths.schemathesis
        fuzz.arguments = [
            "run", TestPaths.repositoryRoot.appendingPathComponent("Schemas/api/openapi.yaml").path, "--url", "http://127.0.0.1:\(port)",
            "--checks", "all", "-H", "X-API-Key: fuzz-key", "--max-examples", "40", "--seed", "7", "--no-color",
        ]
        // schemathesis keeps a cache in its working directory: give it a fresh one outside the repository.
        let workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workingDirectory) }
        fuzz.currentDirectoryURL = workingDirectory
        let output = workingDirectory.appendingPathComponent("report.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        fuzz.standardOutput = handle
        fuzz.standardError = handle
        // Waits for the exit off the cooperative pool (no thread blocked for the run's ~20 s).
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            fuzz.terminationHandler = { _ in done.resume() }
            do { try fuzz.run() } catch { done.resume(throwing: error) }
        }
        try handle.close()
        let report = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        server.stop()
        await cluster.stop()
        #expect(fuzz.terminationStatus == 0, "schemathesis found failures:\n\(report.suffix(6_000))")
        #expect(report.contains(" passed"), "no test cases ran:\n\(report.suffix(2_000))")
        print(report.split(separator: "\n").filter { $0.contains("generated") || $0.contains("passed") }.joined(separator: "\n"))
    }
}

extension TestPaths {
    /// schemathesis as `make test` installs it.
    static let schemathesis = repositoryRoot.appendingPathComponent(".build/schemathesis/bin/schemathesis")
}
