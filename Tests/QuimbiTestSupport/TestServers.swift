import Foundation

/// The servers shared by one test run: one PostgreSQL and one Redis, started on first use and
/// stopped at exit — or the external ones named by QUIMBI_TEST_POSTGRES_URL / QUIMBI_TEST_REDIS_URL.
///
/// Under `CI=true` a missing server binary is an error (the tests fail, they are never skipped).
public enum TestServers {
    /// Whether tests that need real servers can run here (always `true` under CI, so they fail loudly).
    public static var available: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] == "true" { return true }
        let postgresOK = environment["QUIMBI_TEST_POSTGRES_URL"] != nil || PostgresTestServer.isInstalled
        let redisOK = environment["QUIMBI_TEST_REDIS_URL"] != nil || RedisTestServer.isInstalled
        return postgresOK && redisOK
    }

    /// Whether private servers (for outage tests that stop and start them) can be started here.
    public static var privateServersAvailable: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
            || (PostgresTestServer.isInstalled && RedisTestServer.isInstalled)
    }

    private static let shared = SharedServers()

    /// URL of a new, empty database on the shared PostgreSQL, in `encoding` when given (else the server's default).
    public static func freshPostgresDatabase(encoding: String? = nil) async throws -> String {
        if let external = ProcessInfo.processInfo.environment["QUIMBI_TEST_POSTGRES_URL"] {
            return try await TestDatabases.create(adminURL: external, encoding: encoding) { name in
                external.replacingDatabase(with: name)
            }
        }
        let shared = self.shared
        return try await ProcessRunner.offCooperativePool { try shared.postgres() }.freshDatabase(encoding: encoding)
    }

    /// URL of the shared Redis. Tests isolate themselves by key (cache generations, unique ids).
    public static func redisURL() throws -> String {
        if let external = ProcessInfo.processInfo.environment["QUIMBI_TEST_REDIS_URL"] { return external }
        return try shared.redis().url
    }
}

private final class SharedServers: @unchecked Sendable {
    private let lock = NSLock()
    private var postgresServer: PostgresTestServer?
    private var redisServer: RedisTestServer?

    func postgres() throws -> PostgresTestServer {
        try lock.withLock {
            if let postgresServer { return postgresServer }
            let server = try PostgresTestServer()
            postgresServer = server
            return server
        }
    }

    func redis() throws -> RedisTestServer {
        try lock.withLock {
            if let redisServer { return redisServer }
            let server = try RedisTestServer()
            redisServer = server
            return server
        }
    }
}

extension String {
    /// This libpq URL with its database path replaced by `name` (query string kept).
    func replacingDatabase(with name: String) -> String {
        guard var components = URLComponents(string: self) else { return self }
        components.path = "/" + name
        return components.string ?? self
    }
}
