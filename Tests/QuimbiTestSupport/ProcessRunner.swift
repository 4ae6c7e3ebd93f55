import Foundation

/// Runs helper programs for the test servers (as the `postgres` user when running as root).
enum ProcessRunner {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var isRoot: Bool { getuid() == 0 }

    /// Runs `arguments` to completion; throws with its output when it exits non-zero.
    @discardableResult
    static func run(_ arguments: [String], asPostgresUser: Bool = false) throws -> String {
        let process = try makeProcess(arguments, asPostgresUser: asPostgresUser)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Starts `arguments` in the background with output discarded.
    static func launch(_ arguments: [String]) throws -> Process {
        let process = try makeProcess(arguments, asPostgresUser: false)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func makeProcess(_ arguments: [String], asPostgresUser: Bool) throws -> Process {
        let process = Process()
        let full = asPostgresUser && isRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments
        process.executableURL = URL(fileURLWithPath: full[0])
        process.arguments = Array(full.dropFirst())
        return process
    }

    /// A fresh private directory under the system temp directory.
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
