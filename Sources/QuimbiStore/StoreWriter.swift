import Foundation
import QuimbiCore

/// Writes customers and orders (from `quimbi generate --postgres` and `quimbi load`), idempotent on id.
public struct StoreWriter: Sendable {
    static let customers = BatchUpsert(
        table: "customers",
        columns: [.init("id"), .init("email"), .init("first_name"), .init("last_name"),
                  .init("created_at", "to_timestamp($::float8)")],
        key: "id")
    static let orders = BatchUpsert(
        table: "orders",
        columns: [.init("id"), .init("name"), .init("customer_id"), .init("created_at", "to_timestamp($::float8)"),
                  .init("total", "$::float8"), .init("currency"), .init("financial_status"),
                  .init("fulfillment_status"), .init("line_items", "$::jsonb"), .init("tracking", "$::jsonb"),
                  .init("discount_total", "$::float8")],
        key: "id")
    private let pool: PostgresPool

    /// Writes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Upserts customers and orders in one transaction, `batchSize` rows a statement; returns how many rows were
    /// inserted or changed (a key repeated in two batches counts once per batch it changed).
    @discardableResult
    public func write(customers: [Customer], orders: [Order], batchSize: Int = Self.defaultBatchSize) async throws -> Int {
        try await pool.transaction { connection in
            try Self.upsert(customers, as: Self.customers, batchSize: batchSize, on: connection, key: \.id, row: Self.row)
                + Self.upsert(orders, as: Self.orders, batchSize: batchSize, on: connection, key: \.id, row: Self.row)
        }
    }

    /// Rows upserted by one statement. One statement for a whole store outlasted the connections' statement
    /// timeout (30 s): `quimbi generate --postgres` of a million customers (3.4 million orders) failed after
    /// 111 s. A batch of 50,000 takes about a second, and memory holds one batch's rows, not the store's.
    public static let defaultBatchSize = 50_000

    /// Upserts `items`, `batchSize` of them a statement.
    private static func upsert<Item>(
        _ items: [Item], as upsert: BatchUpsert, batchSize: Int, on connection: PostgresConnectionHandle,
        key: @escaping (Item) -> String, row: @escaping (Item) -> [String?]
    ) throws(StoreError) -> Int {
        let size = max(1, batchSize)
        var changed = 0
        for start in stride(from: 0, to: items.count, by: size) {
            changed += try upsert.run(items[start..<min(start + size, items.count)], key: key, row: row, on: connection)
        }
        return changed
    }

    /// Upserts the orders that `read` hands to its argument, `batchSize` at a time, all in one
    /// transaction: memory holds one batch, not the whole input. `read` runs on the connection's own
    /// thread (it may block, e.g. on a file). Returns how many rows were inserted or changed (a key
    /// repeated in two batches counts once per batch it changed), and what `read` returned.
    public func writeOrders<Read: Sendable>(
        batchSize: Int = defaultBatchSize, from read: @escaping @Sendable (_ emit: (Order) -> Void) throws -> Read
    ) async throws -> (changed: Int, read: Read) {
        try await pool.transaction { connection in
            var batch: [Order] = []
            var changed = 0
            var failure: StoreError?
            func flush() {
                guard failure == nil, !batch.isEmpty else { return }
                do throws(StoreError) { changed += try Self.orders.run(batch, key: \.id, row: Self.row, on: connection) } catch { failure = error }
                batch.removeAll(keepingCapacity: true)
            }
            let result = try read { order in
                batch.append(order)
                if batch.count >= batchSize { flush() }
            }
            flush()
            if let failure { throw failure }
            return (changed, result)
        }
    }

    static func row(_ customer: Customer) -> [String?] {
        [customer.id, customer.email, customer.firstName, customer.lastName, PostgresValues.epoch(customer.createdAt)]
    }

    static func row(_ order: Order) -> [String?] {
        [order.id, order.name, order.customerID, PostgresValues.epoch(order.createdAt), String(order.total),
         order.currency, order.financialStatus, order.fulfillmentStatus,
         PostgresValues.jsonText(order.lineItems), PostgresValues.jsonText(order.tracking), PostgresValues.finite(order.discountTotal)]
    }
}
