import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiSegmentation
import QuimbiStore

/// `quimbi generate`: writes the synthetic sample store.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic thread-and-notions store to files (customers.jsonl, orders.jsonl) or PostgreSQL; deterministic by --seed.",
        discussion: "Orders follow the models' generative process (BG/NBD purchasing, Gamma-Gamma spend); the store always contains the seed's customer 7415378247935."
    )

    @Option(help: "Customers to generate.")
    var customers: Int = 27_415

    @Option(help: "Random seed.")
    var seed: Int = 7

    @Option(help: "The store's 'today' (YYYY-MM-DD or RFC 3339; default: now).")
    var asOf: DateArgument?

    @Option(help: "Directory for customers.jsonl and orders.jsonl.")
    var outDir: String?

    @Flag(help: "Also write orders.csv to --out-dir (the orders' own columns; no line items or tracking).")
    var csv = false

    @Option(help: "PostgreSQL URL: write the customers and orders there (idempotent on ids; migrations are applied first).")
    var postgres: String?

    func validate() throws {
        guard (1...5_000_000).contains(customers) else { throw ValidationError("--customers must be 1…5000000") }
        guard seed >= 0 else { throw ValidationError("--seed must not be negative") }
        guard outDir != nil || postgres != nil else { throw ValidationError("pass --out-dir DIR or --postgres URL") }
        guard !csv || outDir != nil else { throw ValidationError("--csv writes to --out-dir: pass it") }
    }

    func run() async throws {
        let store = SampleStoreGenerator.generate(customerCount: customers, seed: UInt64(seed), asOf: asOf?.date ?? Date())
        if let outDir {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            try JSONLines.write(store.customers, to: URL(fileURLWithPath: outDir).appendingPathComponent("customers.jsonl"))
            try JSONLines.write(store.orders, to: URL(fileURLWithPath: outDir).appendingPathComponent("orders.jsonl"))
            if csv { try Self.writeCSV(store.orders, to: URL(fileURLWithPath: outDir).appendingPathComponent("orders.csv")) }
            print("wrote \(store.customers.count) customers and \(store.orders.count) orders to \(outDir)")
        }
        if let postgres {
            let pool = PostgresPool(url: postgres, size: 1)
            do {
                try await Migrator(pool: pool).migrate()
                let changed = try await StoreWriter(pool: pool).write(customers: store.customers, orders: store.orders)
                await pool.close()
                print("wrote \(store.customers.count) customers and \(store.orders.count) orders to PostgreSQL (\(changed) rows inserted or changed)")
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}

extension GenerateCommand {
    /// Writes orders as CSV with a header line.
    static func writeCSV(_ orders: [Order], to url: URL) throws {
        var data = Data((OrderCSVLine.header + "\n").utf8)
        for order in orders { data.append(contentsOf: (OrderCSVLine.line(order) + "\n").utf8) }
        try data.write(to: url)
    }
}

/// A JSON Lines file written a megabyte at a time, to a file opened in place (`O_TRUNC`, not a temporary file renamed
/// over the target: `/dev/null` or a pipe stays what it is), so that no run holds its whole output in memory.
struct JSONLines {
    private let path: String
    private let file: FileHandle
    private let encoder: JSONEncoder
    private var chunk = Data()

    /// Opens (creates or truncates) `path`; fails naming it.
    init(path: String, encoder: JSONEncoder = QuimbiJSON.makeEncoder()) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        self.encoder = encoder
    }

    /// Appends `value` as one line.
    mutating func append(_ value: some Encodable) throws {
        chunk.append(try encoder.encode(value))
        try endLine()
    }

    /// Appends `bytes`, one JSON value already encoded, as one line.
    mutating func append(bytes: [UInt8]) throws {
        chunk.append(contentsOf: bytes)
        try endLine()
    }

    /// Ends the line; writes the chunk out once it holds a megabyte.
    private mutating func endLine() throws {
        chunk.append(10)
        if chunk.count >= 1 << 20 { try flush() }
    }

    /// Writes what is left.
    mutating func finish() throws { try flush() }

    private mutating func flush() throws {
        do {
            try file.write(contentsOf: chunk)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        chunk.removeAll(keepingCapacity: true)
    }

    /// Writes `values` as JSON Lines to `url`.
    static func write<T: Encodable>(_ values: [T], to url: URL) throws {
        var lines = try JSONLines(path: url.path)
        for value in values { try lines.append(value) }
        try lines.finish()
    }
}
