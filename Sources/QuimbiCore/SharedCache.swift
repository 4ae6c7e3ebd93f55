/// A string cache shared between processes (Redis in production), as lookup sources use it: a
/// failure to read is a miss and a failure to write is skipped, so an outage costs only speed.
public protocol SharedCache: Sendable {
    /// The value stored under `key`, or `nil` when absent, expired or unreadable.
    func cachedValue(for key: String) async -> String?
    /// Stores `value` under `key` for `ttl`; a failure is ignored.
    func storeValue(_ value: String, for key: String, ttl: Duration) async
}
