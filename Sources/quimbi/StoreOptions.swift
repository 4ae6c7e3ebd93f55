import ArgumentParser
import Foundation

/// `--postgres` / `--redis` options with QUIMBI_POSTGRES / QUIMBI_REDIS as fallbacks.
struct StoreConnectionOptions: ParsableArguments {
    @Option(help: "PostgreSQL URL, e.g. postgres://user@host:5432/db (env QUIMBI_POSTGRES).")
    var postgres: String?

    @Option(help: "Redis URL, e.g. redis://host:6379/0 or unix:///path/redis.sock (env QUIMBI_REDIS).")
    var redis: String?

    func postgresURL() throws -> String {
        guard let url = postgres ?? ProcessInfo.processInfo.environment["QUIMBI_POSTGRES"], !url.isEmpty else {
            throw ValidationError("missing PostgreSQL URL: pass --postgres or set QUIMBI_POSTGRES")
        }
        return url
    }

    func redisURL() throws -> String {
        guard let url = redis ?? ProcessInfo.processInfo.environment["QUIMBI_REDIS"], !url.isEmpty else {
            throw ValidationError("missing Redis URL: pass --redis or set QUIMBI_REDIS")
        }
        return url
    }
}
