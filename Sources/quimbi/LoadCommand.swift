import ArgumentParser
import Foundation
import QuimbiSegmentation
import QuimbiStore

/// `quimbi load --orders FILE --postgres URL`: validates and loads orders (CSV or JSON Lines), idempotent on id.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Load orders from CSV (with header), JSON Lines or CDNOW text into PostgreSQL, idempotent on order id.")

    @Option(help: "Orders file: CSV with a header, JSON Lines or CDNOW text (env QUIMBI_ORDERS).")
    var orders: String?

    @Option(help: "File format: jsonl, csv or cdnow (default: detected from the first line).")
    var format: OrderFileParser.Format?

    @OptionGroup var store: StoreConnectionOptions

    func run() async throws {
        guard let path = orders ?? ProcessInfo.processInfo.environment["QUIMBI_ORDERS"] else {
            throw ValidationError("missing orders file: pass --orders or set QUIMBI_ORDERS")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fail("cannot read \(path) as UTF-8 text")
        }
        let parsed = OrderFileParser.parse(text, format: format)
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
