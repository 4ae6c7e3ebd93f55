import ArgumentParser
import Foundation
import QuimbiStore

/// `quimbi load --orders FILE --postgres URL`: validates and loads orders (CSV or JSON Lines), idempotent on id.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Load orders from CSV (with header) or JSON Lines into PostgreSQL.")

    @Option(help: "Orders file: .csv with a header, or JSON Lines (env QUIMBI_ORDERS).")
    var orders: String?

    @OptionGroup var store: StoreConnectionOptions

    func run() async throws {
        guard let path = orders ?? ProcessInfo.processInfo.environment["QUIMBI_ORDERS"] else {
            throw ValidationError("missing orders file: pass --orders or set QUIMBI_ORDERS")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fail("cannot read \(path) as UTF-8 text")
        }
        let parsed = OrderFileParser.parse(text, isCSV: path.lowercased().hasSuffix(".csv"))
        for row in parsed.rejected {
            FileHandle.standardError.write(Data("\(path):\(row.line): rejected: \(row.reason)\n".utf8))
        }
        let pool = PostgresPool(url: try store.postgresURL(), size: 1)
        do {
            let changed = try await StoreWriter(pool: pool).write(customers: [], orders: parsed.orders)
            await pool.close()
            print("orders valid: \(parsed.orders.count), rejected: \(parsed.rejected.count), inserted or changed: \(changed)")
        } catch {
            await pool.close()
            fail("\(error)")
        }
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("quimbi load: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
