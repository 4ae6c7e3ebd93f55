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
        let format = format
        let pool = PostgresPool(url: try store.postgresURL(), size: 1)
        do {
            // The file is read on the connection's thread, a batch of orders at a time, in one transaction.
            let (changed, read) = try await StoreWriter(pool: pool).writeOrders { emit in
                var valid = 0
                let rejected = try OrderFileParser.read(contentsOf: path, format: format) { order in
                    valid += 1
                    emit(order)
                }
                return (valid: valid, rejected: rejected)
            }
            await pool.close()
            for row in read.rejected {
                FileHandle.standardError.write(Data("\(path):\(row.line): rejected: \(row.reason)\n".utf8))
            }
            print("orders valid: \(read.valid), rejected: \(read.rejected.count), inserted or changed: \(changed)")
        } catch let error as OrderFileError {
            await pool.close()
            fail("cannot read \(path): \(error.reason)")
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
