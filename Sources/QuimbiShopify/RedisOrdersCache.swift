import Foundation
import QuimbiCore
import QuimbiStore

/// An ``OrdersCache`` in Redis, shared by every worker replica: a burst of tickets from one customer
/// across replicas costs one Shopify call. A Redis outage reads as a miss and skips the write (the
/// pool's circuit breaker keeps that cheap), so the lookup goes to Shopify instead of failing.
public struct RedisOrdersCache: OrdersCache {
    private let redis: RedisPool
    private let keyPrefix: String

    /// A cache in `redis` under keys `<keyPrefix>:shopify-orders:<customer key>`.
    public init(redis: RedisPool, keyPrefix: String = "quimbi") {
        self.redis = redis
        self.keyPrefix = keyPrefix
    }

    public func cachedOrders(for key: String) async -> CachedOrders? {
        guard let text = try? await redis.mget([redisKey(key)]).first ?? nil else { return nil }
        return try? QuimbiJSON.makeDecoder().decode(CachedOrders.self, from: Data(text.utf8))
    }

    public func store(_ entry: CachedOrders, for key: String, ttl: Duration) async {
        guard ttl > .zero, let data = try? QuimbiJSON.makeEncoder().encode(entry) else { return }
        try? await redis.setEx([(key: redisKey(key), value: String(decoding: data, as: UTF8.self), ttl: ttl)])
    }

    private func redisKey(_ key: String) -> String { "\(keyPrefix):shopify-orders:\(key)" }
}
