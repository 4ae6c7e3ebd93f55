import QuimbiCore

/// Redis as the ``SharedCache`` of lookup sources (Shopify's orders cache, for one).
extension RedisPool: SharedCache {
    public func cachedValue(for key: String) async -> String? {
        (try? await mget([key]))?.first ?? nil
    }

    public func storeValue(_ value: String, for key: String, ttl: Duration) async {
        try? await setEx([(key: key, value: value, ttl: ttl)])
    }
}
