import Foundation

/// Freezes a server the way a hung host or a dropped network does: SIGSTOP to its processes (it
/// keeps its sockets, accepts nothing and answers nothing), SIGCONT to resume.
public struct ProcessFreezer: Sendable {
    /// The processes to stop: a server's main process and, for PostgreSQL, its backends.
    let processes: @Sendable () -> [pid_t]

    /// Stops every process. Always pair with ``thaw()`` (in a `defer`).
    public func freeze() {
        for pid in processes() { Foundation.kill(pid, SIGSTOP) }
    }

    /// Resumes every process.
    public func thaw() {
        for pid in processes() { Foundation.kill(pid, SIGCONT) }
    }

    /// `pid` and every process whose parent is `pid` (from /proc).
    static func withChildren(_ pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let children = entries.compactMap(pid_t.init).filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            // After "pid (comm) ": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == pid
        }
        return [pid] + children
    }
}
