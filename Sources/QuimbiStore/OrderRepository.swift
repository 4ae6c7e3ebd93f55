import QuimbiCore

/// A customer's recent orders from the `orders` table, newest first.
///
/// Concurrent lookups are coalesced into shared batches (at most `maxBatch` customers each), each
/// one PostgreSQL query (``OrderQuery``): one round trip and one connection for many tickets,
/// instead of one each. A batch that fails with a query error (not an outage) is tried again
/// customer by customer, so one bad key fails only its own lookup. A lookup given a deadline ends by it.
public struct OrderRepository: DeadlineBoundOrderSource {
    private let batcher: LookupBatcher<OrderLookup, [Order]>
    /// Counts the PostgreSQL queries issued (``StoreStatistics/postgresQueries``).
    let counter = StatisticsCounter()

    /// Reads orders through `pool`, up to `maxBatch` customers per query.
    public init(pool: PostgresPool, maxBatch: Int = 128) {
        let counter = counter
        batcher = LookupBatcher(maxBatch: maxBatch, splitsOnFailure: { ($0 as? LookupError)?.isTransient == false }) { lookups in
            counter.update { $0.postgresQueries += 1 }
            do {
                return try await OrderQuery.fetch(lookups, pool: pool)
            } catch let error as StoreError {
                throw error.asLookupError
            }
        }
    }

    /// Up to `limit` most recent orders, newest first; PostgreSQL failures throw a transient ``LookupError``.
    public func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        guard let key = ProfileKey(customer), limit > 0 else { return [] }
        return try await batcher.lookup(OrderLookup(key: key, limit: limit)) ?? []
    }

    /// Starts a lookup coalesced with concurrent ones, which ends by `deadline`.
    public func startRecentOrdersLookup(
        for customer: CustomerReference, limit: Int, until deadline: ContinuousClock.Instant
    ) -> PendingLookup<[Order]> {
        guard let key = ProfileKey(customer), limit > 0 else { return PendingLookup { [] } }
        return batcher.start(OrderLookup(key: key, limit: limit), until: deadline).map { $0 ?? [] }
    }
}
