import Foundation
import Testing

/// Deploy/healthcheck.sh (the image's `quimbi-healthcheck`) against a real HTTP server on loopback.
@Suite(.serialized) struct HealthcheckScriptTests {
    @Test func succeedsOnlyOnHTTP200() async throws {
        let server = try await StaticHTTPServer.start(files: ["healthz": "ok", "metrics": "quimbi_up 1"])
        defer { server.stop() }
        #expect(try await Self.check(path: "/healthz", port: server.port) == 0)
        #expect(try await Self.check(path: "/metrics", port: server.port) == 0)
        #expect(try await Self.check(path: "/readyz", port: server.port) != 0, "404 is unhealthy")
    }

    @Test func failsWhenNothingListens() async throws {
        let server = try await StaticHTTPServer.start(files: [:])
        let port = server.port
        server.stop()
        #expect(try await Self.check(path: "/healthz", port: port) != 0)
    }

    @Test func defaultsToHealthzOnQuimbiPort() async throws {
        let server = try await StaticHTTPServer.start(files: ["healthz": "ok"])
        defer { server.stop() }
        let result = try await QuimbiProgram.run(
            executable: URL(fileURLWithPath: "/bin/bash"), arguments: [RepositoryFiles.url(RepositoryFiles.healthcheck).path],
            environment: ["QUIMBI_PORT": String(server.port)])
        #expect(result.status == 0, "\(result.output)")
    }

    static func check(path: String, port: Int) async throws -> Int32 {
        try await QuimbiProgram.run(
            executable: URL(fileURLWithPath: "/bin/bash"),
            arguments: [RepositoryFiles.url(RepositoryFiles.healthcheck).path, path, String(port)]).status
    }
}

/// Python's static file server on a free loopback port, serving `files` from a temporary directory.
final class StaticHTTPServer {
    private let process: Process
    let port: Int

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    static func start(files: [String: String]) async throws -> StaticHTTPServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, content) in files {
            try Data(content.utf8).write(to: directory.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", """
            import functools, http.server, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """, directory.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let firstLine: String = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var data = Data()
                while !data.contains(10) {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        guard let port = Int(firstLine.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw DeployFileError("the python3 HTTP server did not start: \(firstLine)")
        }
        return StaticHTTPServer(process: process, port: port)
    }

    /// Kills the server. SIGKILL, because a child spawned from a dispatch thread inherits its blocked
    /// SIGTERM and would never see `terminate()`.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
