import Foundation

/// One schema change: a version name (the file name without `.sql`) and its SQL script.
public struct Migration: Sendable, Hashable {
    public var version: String
    public var sql: String
}

/// Applies the embedded migrations in order, each once, recorded in `schema_migrations`.
///
/// Holds a PostgreSQL advisory lock while it runs, so two processes migrating at once apply
/// every migration exactly once.
public struct Migrator: Sendable {
    /// Advisory lock key shared by every Quimbi process ("quimbi" as bytes).
    static let lockKey = "113117105109098105"
    private let pool: PostgresPool
    private let migrations: [Migration]

    /// A migrator for `pool` with the migrations compiled into the binary.
    public init(pool: PostgresPool) {
        self.init(pool: pool, migrations: EmbeddedMigrations.all)
    }

    init(pool: PostgresPool, migrations: [Migration]) {
        self.pool = pool
        self.migrations = migrations
    }

    /// Every migration the binary knows, in order.
    public static var known: [Migration] { EmbeddedMigrations.all }

    /// Applies the pending migrations; returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [String] {
        let migrations = self.migrations
        return try await pool.withConnection { connection in
            // Waiting for another migrator and building an index may take longer than the pool's statement timeout.
            _ = try connection.execute("SET statement_timeout = 0", [])
            defer { _ = try? connection.execute("RESET statement_timeout", []) }
            _ = try connection.execute("SELECT pg_advisory_lock($1::bigint)", [Self.lockKey])
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1::bigint)", [Self.lockKey]) }
            _ = try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, [])
            let done = Set(try connection.execute("SELECT version FROM schema_migrations", []).rows.compactMap { $0[0] })
            var applied: [String] = []
            for migration in migrations where !done.contains(migration.version) {
                _ = try connection.execute("BEGIN", [])
                do {
                    try connection.executeScript(migration.sql)
                    _ = try connection.execute("INSERT INTO schema_migrations (version) VALUES ($1)", [migration.version])
                    _ = try connection.execute("COMMIT", [])
                } catch {
                    _ = try? connection.execute("ROLLBACK", [])
                    throw error
                }
                applied.append(migration.version)
            }
            return applied
        }
    }
}
