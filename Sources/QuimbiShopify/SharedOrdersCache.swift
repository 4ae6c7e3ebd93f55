import Foundation
import QuimbiCore

/// An ``OrdersCache`` in a ``SharedCache`` (Redis), shared by every worker replica: a burst of
/// tickets from one customer across replicas costs one Shopify call. An outage of the cache reads
/// as a miss and skips the write, so the lookup goes to Shopify instead of failing.
public struct SharedOrdersCache: OrdersCache {
    private let store: any SharedCache
    private let keyPrefix: String

    /// A cache in `store` under keys `<keyPrefix>:shopify-orders:<customer key>`.
    public init(store: any SharedCache, keyPrefix: String = "quimbi") {
        self.store = store
        self.keyPrefix = keyPrefix
    }

    public func cachedOrders(for key: String) async -> CachedOrders? {
        guard let text = await store.cachedValue(for: storeKey(key)) else { return nil }
        return try? QuimbiJSON.makeDecoder().decode(CachedOrders.self, from: Data(text.utf8))
    }

    public func store(_ entry: CachedOrders, for key: String, ttl: Duration) async {
        guard ttl > .zero, let data = try? QuimbiJSON.makeEncoder().encode(entry) else { return }
        await store.storeValue(String(decoding: data, as: UTF8.self), for: storeKey(key), ttl: ttl)
    }

    private func storeKey(_ key: String) -> String { "\(keyPrefix):shopify-orders:\(key)" }
}
