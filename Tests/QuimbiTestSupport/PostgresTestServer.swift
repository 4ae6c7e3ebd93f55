import Foundation
import QuimbiStore

/// A throw-away PostgreSQL server (initdb + pg_ctl) listening only on a unix socket in a temp dir.
public final class PostgresTestServer: @unchecked Sendable {
    /// Directory of initdb/pg_ctl (override with QUIMBI_PG_BIN).
    public static let binDirectory = ProcessInfo.processInfo.environment["QUIMBI_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"
    /// Whether the server binaries are installed.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binDirectory + "/pg_ctl") }

    private let root: URL
    private var data: String { root.appendingPathComponent("data").path }
    private var socket: String { root.appendingPathComponent("socket").path }

    /// Creates and starts a new cluster.
    public init() throws {
        guard Self.isInstalled else {
            throw ProcessRunner.Failure(description: "PostgreSQL binaries not found in \(Self.binDirectory)")
        }
        root = try ProcessRunner.temporaryDirectory("quimbi-pg")
        try FileManager.default.createDirectory(atPath: socket, withIntermediateDirectories: true)
        if ProcessRunner.isRoot { try ProcessRunner.run(["/bin/chown", "-R", "postgres:postgres", root.path]) }
        try ProcessRunner.run([Self.binDirectory + "/initdb", "-D", data, "-A", "trust", "-U", "postgres",
                               "--no-sync", "-E", "UTF8"], asPostgresUser: true)
        try start()
        TestServerRegistry.register(self)
    }

    /// Creates and starts a new cluster without blocking the cooperative thread pool (initdb takes seconds).
    public static func started() async throws -> PostgresTestServer {
        try await ProcessRunner.offCooperativePool { try PostgresTestServer() }
    }

    /// URL of the `postgres` database.
    public var url: String { url(database: "postgres") }

    /// URL of `database` on this server.
    public func url(database: String) -> String {
        "postgresql:///\(database)?host=\(socket)&user=postgres"
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        try ProcessRunner.run([Self.binDirectory + "/pg_ctl", "-D", data, "-w", "-l", root.path + "/server.log",
                               "-o", "-k \(socket) -c listen_addresses= -c fsync=off -c max_connections=200",
                               "start"], asPostgresUser: true)
    }

    /// Stops the server immediately (as a crash would).
    public func stop() throws {
        try ProcessRunner.run([Self.binDirectory + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"],
                              asPostgresUser: true)
    }

    /// Freezes the postmaster and its backends (SIGSTOP) and resumes them (SIGCONT).
    public var freezer: ProcessFreezer {
        let pidFile = data + "/postmaster.pid"
        return ProcessFreezer {
            guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
                  let line = text.split(separator: "\n").first, let pid = pid_t(line) else { return [] }
            return ProcessFreezer.withChildren(pid)
        }
    }

    /// Stops the server if running and deletes its files.
    public func destroy() {
        _ = try? stop()
        try? FileManager.default.removeItem(at: root)
    }

    /// Creates an empty database with a unique name (in `encoding` when given) and returns its URL.
    public func freshDatabase(encoding: String? = nil) async throws -> String {
        try await TestDatabases.create(adminURL: url, encoding: encoding, urlFor: url(database:))
    }
}

/// Creates uniquely named databases through an admin connection.
enum TestDatabases {
    static func create(adminURL: String, encoding: String? = nil, urlFor: (String) -> String) async throws -> String {
        let name = "quimbi_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = PostgresPool(url: adminURL, size: 1)
        // Another encoding than the template's needs the empty template and a locale that takes any encoding.
        let clause = encoding.map { " ENCODING '\($0)' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" } ?? ""
        _ = try await admin.query("CREATE DATABASE \(name)\(clause)")
        await admin.close()
        return urlFor(name)
    }
}
