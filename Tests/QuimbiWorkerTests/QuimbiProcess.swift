import Foundation
import Synchronization

/// A `quimbi` subprocess (or another program's, given `executable`) with its stdout lines
/// collected, stderr kept in a file, and signals.
final class QuimbiProcess: Sendable {
    private let process: Process
    private let output = Locked<[String]>([])
    let stderrFile: URL
    private let exited = Locked<Int32?>(nil)

    init(
        _ arguments: [String], executable: URL = TestPaths.quimbiBinary, environment extra: [String: String] = [:], standardInput: URL? = nil
    ) throws {
        let process = Process()
        if let standardInput { process.standardInput = try FileHandle(forReadingFrom: standardInput) }
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        self.process = process
        let output = output
        let reader = pipe.fileHandleForReading
        let lineReader = Thread {
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    output.withLock { $0.append(line) }
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
        }
        lineReader.start()
        let exited = exited
        process.terminationHandler = { finished in exited.withLock { $0 = finished.terminationStatus } }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var stdoutLines: [String] { output.withLock { $0 } }
    var stderrText: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
    var exitCode: Int32? { exited.withLock { $0 } }

    /// The first stdout line, waiting up to `timeout`.
    func firstLine(timeout: Duration = .seconds(30)) async throws -> String {
        try await waitUntil(timeout: timeout, "first stdout line") { !self.stdoutLines.isEmpty }
        return stdoutLines[0]
    }

    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the exit and returns the exit code (the signal number for a signal death).
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
        try await waitUntil(timeout: timeout, "exit of quimbi \(process.arguments?.first ?? "")") { self.exitCode != nil }
        return exitCode ?? -1
    }

    /// Kills the process if it still runs (test clean-up).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { stop() }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes.
func waitUntil(timeout: Duration, _ what: String, _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TestFailure(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(50))
    }
}
