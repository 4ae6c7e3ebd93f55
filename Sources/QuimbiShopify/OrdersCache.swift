import QuimbiCore

/// A customer's recent orders as cached: `isComplete` says the customer has no older orders.
public struct CachedOrders: Sendable, Hashable, Codable {
    /// Newest first.
    public var orders: [Order]
    /// `true` when Shopify had no more orders than these.
    public var isComplete: Bool

    /// Creates an entry.
    public init(orders: [Order], isComplete: Bool) {
        self.orders = orders
        self.isComplete = isComplete
    }

    /// The first `limit` orders, when this entry can answer a request for that many.
    public func answer(limit: Int) -> [Order]? {
        orders.count >= limit || isComplete ? Array(orders.prefix(limit)) : nil
    }
}

/// A short-lived store of customers' recent orders (in memory here; Redis can implement it too).
public protocol OrdersCache: Sendable {
    /// The entry stored under `key`, `nil` when absent or expired.
    func cachedOrders(for key: String) async -> CachedOrders?
    /// Stores `entry` under `key` for `ttl`.
    func store(_ entry: CachedOrders, for key: String, ttl: Duration) async
}

/// An ``OrdersCache`` in process memory, bounded in entries; expired entries are dropped on access
/// and, when full, before the oldest entries are evicted.
public actor InMemoryOrdersCache: OrdersCache {
    private struct Entry {
        var value: CachedOrders
        var expires: ContinuousClock.Instant
    }

    private let maxEntries: Int
    private var entries: [String: Entry] = [:]

    /// A cache holding at most `maxEntries` customers.
    public init(maxEntries: Int = 10_000) {
        self.maxEntries = max(1, maxEntries)
    }

    public func cachedOrders(for key: String) -> CachedOrders? {
        guard let entry = entries[key] else { return nil }
        guard entry.expires > .now else {
            entries[key] = nil
            return nil
        }
        return entry.value
    }

    public func store(_ entry: CachedOrders, for key: String, ttl: Duration) {
        guard ttl > .zero else { return }
        if entries.count >= maxEntries, entries[key] == nil { makeRoom() }
        entries[key] = Entry(value: entry, expires: .now + ttl)
    }

    /// The number of entries held, expired ones included until they are dropped.
    public var count: Int { entries.count }

    private func makeRoom() {
        let now = ContinuousClock.Instant.now
        entries = entries.filter { $0.value.expires > now }
        let excess = entries.count - maxEntries + 1
        guard excess > 0 else { return }
        for key in entries.sorted(by: { $0.value.expires < $1.value.expires }).prefix(excess).map(\.key) {
            entries[key] = nil
        }
    }
}
