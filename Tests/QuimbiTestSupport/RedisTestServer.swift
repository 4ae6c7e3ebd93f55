import Foundation

/// A throw-away Redis server on a unix socket (`--port 0`), without persistence.
public final class RedisTestServer: @unchecked Sendable {
    /// Path of redis-server (override with QUIMBI_REDIS_SERVER).
    public static let binary = ProcessInfo.processInfo.environment["QUIMBI_REDIS_SERVER"] ?? "/usr/bin/redis-server"
    /// Whether redis-server is installed.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    private let root: URL
    private let password: String?
    private let lock = NSLock()
    private var process: pid_t?
    private var socket: String { root.appendingPathComponent("redis.sock").path }

    /// Starts a new server; with `password`, clients must authenticate (`requirepass`).
    public init(password: String? = nil) throws {
        self.password = password
        guard Self.isInstalled else {
            throw ProcessRunner.Failure(description: "redis-server not found at \(Self.binary)")
        }
        root = try ProcessRunner.temporaryDirectory("quimbi-redis")
        try start()
        TestServerRegistry.register(self)
    }

    /// `unix://` URL of the server.
    public var url: String { "unix://\(socket)" }

    /// Process id of the running server, if any.
    public var pid: Int32? { lock.withLock { process } }

    /// Starts the server and waits until its socket exists.
    public func start() throws {
        let launched = try ProcessRunner.launch([
            Self.binary, "--port", "0", "--unixsocket", socket, "--unixsocketperm", "700", "--save", "",
            "--appendonly", "no", "--dir", root.path,
        ] + (password.map { ["--requirepass", $0] } ?? []))
        lock.withLock { process = launched }
        // The socket file appears at bind(), a moment before listen(): wait until a connection is accepted.
        for _ in 0..<200 where !Self.accepts(socket) {
            usleep(10_000)
        }
        guard Self.accepts(socket) else {
            throw ProcessRunner.Failure(description: "redis-server does not accept connections on \(socket)")
        }
    }

    /// Whether a unix-socket connection to `path` is accepted.
    private static func accepts(_ path: String) -> Bool {
        let descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: address.sun_path) - 1))
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        } == 0
    }

    /// Freezes the server (SIGSTOP) and resumes it (SIGCONT).
    public var freezer: ProcessFreezer {
        ProcessFreezer { [self] in pid.map { [$0] } ?? [] }
    }

    /// Kills the server and waits for it to exit.
    public func stop() {
        guard let running = lock.withLock({ let current = process; process = nil; return current }) else { return }
        ProcessRunner.kill(running)
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Stops the server and deletes its files.
    public func destroy() {
        stop()
        try? FileManager.default.removeItem(at: root)
    }
}
