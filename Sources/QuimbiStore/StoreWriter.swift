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
                  .init("fulfillment_status"), .init("line_items", "$::jsonb"), .init("tracking", "$::jsonb")],
        key: "id")
    private let pool: PostgresPool

    /// Writes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Upserts customers and orders in one transaction; returns how many rows were inserted or changed.
    @discardableResult
    public func write(customers: [Customer], orders: [Order]) async throws -> Int {
        let customerRows = customers.map(Self.row)
        let orderRows = orders.map(Self.row)
        return try await pool.transaction { connection in
            try Self.customers.run(customerRows, on: connection) + Self.orders.run(orderRows, on: connection)
        }
    }

    static func row(_ customer: Customer) -> [String?] {
        [customer.id, customer.email, customer.firstName, customer.lastName, PostgresValues.epoch(customer.createdAt)]
    }

    static func row(_ order: Order) -> [String?] {
        [order.id, order.name, order.customerID, PostgresValues.epoch(order.createdAt), String(order.total),
         order.currency, order.financialStatus, order.fulfillmentStatus,
         PostgresValues.jsonText(order.lineItems), PostgresValues.jsonText(order.tracking)]
    }
}
