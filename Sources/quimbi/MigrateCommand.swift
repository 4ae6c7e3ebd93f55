import ArgumentParser
import Foundation
import QuimbiStore

/// `quimbi migrate --postgres URL`: applies the schema migrations compiled into the binary.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the PostgreSQL schema migrations (safe to run twice or concurrently).")

    @OptionGroup var store: StoreConnectionOptions

    func run() async throws {
        let pool = PostgresPool(url: try store.postgresURL(), size: 1)
        do {
            let applied = try await Migrator(pool: pool).migrate()
            await pool.close()
            print(applied.isEmpty ? "schema up to date" : "applied \(applied.joined(separator: ", "))")
        } catch {
            await pool.close()
            FileHandle.standardError.write(Data("quimbi migrate: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
