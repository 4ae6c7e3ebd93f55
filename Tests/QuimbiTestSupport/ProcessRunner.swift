import Foundation

/// Runs helper programs for the test servers (as the `postgres` user when running as root).
///
/// Uses `posix_spawn` and `waitpid` directly: Foundation's `Process` may never notice the exit of a
/// child when the cooperative thread pool is saturated.
enum ProcessRunner {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var isRoot: Bool { getuid() == 0 }

    /// Runs `arguments` to completion; throws with its output when it exits non-zero.
    static func run(_ arguments: [String], asPostgresUser: Bool = false) throws {
        _ = try output(of: asPostgresUser && isRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments)
    }

    /// Runs `arguments` to completion and returns what it wrote (standard output and error, together);
    /// throws with that output when it exits non-zero.
    static func output(of arguments: [String]) throws -> String {
        // A file, not a pipe: a daemon started by the command (postmaster) would keep a pipe open forever.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-run-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        let pid = try spawn(arguments, outputPath: outputPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard exitedCleanly else {
            throw Failure(description: "\(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Runs the blocking `body` (initdb, pg_ctl: seconds) on a thread of its own, so that it never holds
    /// one of the few threads of Swift's cooperative pool that every other running test needs.
    static func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Starts `arguments` in the background with output discarded; returns its pid.
    static func launch(_ arguments: [String]) throws -> pid_t {
        try spawn(arguments, outputPath: "/dev/null")
    }

    /// Kills `pid` and reaps it.
    static func kill(_ pid: pid_t) {
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    private static func spawn(_ arguments: [String], outputPath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// A fresh private directory under the system temp directory.
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
