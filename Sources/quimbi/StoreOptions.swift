import ArgumentParser
import Foundation

/// `--postgres` / `--redis` options with QUIMBI_POSTGRES / QUIMBI_REDIS as fallbacks.
struct StoreConnectionOptions: ParsableArguments {
    @Option(help: "PostgreSQL URL, e.g. postgres://user@host:5432/db or postgresql:///db?host=/socket/dir (QUIMBI_POSTGRES).")
    var postgres: String?

    @Option(help: "Redis URL, e.g. redis://[:password@]host:6379/0 or unix:///path/redis.sock[?password=…] (QUIMBI_REDIS).")
    var redis: String?

    /// The PostgreSQL URL from the flag or the environment, `nil` when neither names one.
    var configuredPostgresURL: String? { postgres ?? EnvironmentDefaults.string("QUIMBI_POSTGRES") }

    /// The Redis URL from the flag or the environment, `nil` when neither names one.
    var configuredRedisURL: String? { redis ?? EnvironmentDefaults.string("QUIMBI_REDIS") }

    func postgresURL() throws -> String {
        guard let url = configuredPostgresURL else {
            throw ValidationError("missing PostgreSQL URL: pass --postgres or set QUIMBI_POSTGRES")
        }
        return url
    }

    func redisURL() throws -> String {
        guard let url = configuredRedisURL else {
            throw ValidationError("missing Redis URL: pass --redis or set QUIMBI_REDIS")
        }
        return url
    }
}
