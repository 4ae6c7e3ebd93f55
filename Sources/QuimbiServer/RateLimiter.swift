import Foundation
import Synchronization

/// A token bucket per API key: `burst` requests at once, refilled at `perSecond`.
public final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var updated: ContinuousClock.Instant }
    private let state = Mutex<[Int: Bucket]>([:])
    private let perSecond: Double
    private let burst: Double

    /// A limiter admitting `perSecond` requests per second per key with bursts of `burst`.
    public init(perSecond: Double, burst: Int) {
        self.perSecond = max(perSecond, 0.001)
        self.burst = Double(max(burst, 1))
    }

    /// Takes a token for `key`; nil when admitted, else the whole seconds until one is available.
    func acquire(key: Int, now: ContinuousClock.Instant = .now) -> Int? {
        state.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }
}
