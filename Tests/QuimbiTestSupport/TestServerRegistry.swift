import Foundation

/// Stops every test server when the test process exits normally (`atexit`).
///
/// A crashed test process cannot run this; each server's temp dir (`quimbi-pg-*`, `quimbi-redis-*`)
/// then holds a `postmaster.pid` or the Redis socket; Redis dies with its parent's pipe, and a
/// leftover PostgreSQL is removed by `pg_ctl -D <dir>/data stop`.
enum TestServerRegistry {
    nonisolated(unsafe) private static var postgres: [PostgresTestServer] = []
    nonisolated(unsafe) private static var redis: [RedisTestServer] = []
    private static let lock = NSLock()
    private static let installHook: Void = { atexit { TestServerRegistry.stopAll() } }()

    static func register(_ server: PostgresTestServer) {
        lock.withLock { _ = installHook; postgres.append(server) }
    }

    static func register(_ server: RedisTestServer) {
        lock.withLock { _ = installHook; redis.append(server) }
    }

    static func stopAll() {
        let (pgServers, redisServers) = lock.withLock { (postgres, redis) }
        pgServers.forEach { $0.destroy() }
        redisServers.forEach { $0.destroy() }
    }
}
