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
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) {
            usleep(10_000)
        }
        guard FileManager.default.fileExists(atPath: socket) else {
            throw ProcessRunner.Failure(description: "redis-server did not create \(socket)")
        }
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
