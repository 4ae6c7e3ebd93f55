import Foundation

/// Shopify's leaky cost bucket: a query runs only when its requested cost is available, then
/// costs its actual cost; points restore continuously at `restoreRate` per second.
struct FakeCostBucket: Sendable {
    let capacity: Double
    let restoreRate: Double
    private(set) var available: Double
    private var lastRefill = ContinuousClock.Instant.now

    init(capacity: Double, restoreRate: Double) {
        self.capacity = capacity
        self.restoreRate = restoreRate
        self.available = capacity
    }

    /// Charges `actual` when `requested` is available; `false` (nothing charged) otherwise.
    mutating func charge(requested: Double, actual: Double) -> Bool {
        let now = ContinuousClock.Instant.now
        let elapsed = lastRefill.duration(to: now)
        lastRefill = now
        available = min(capacity, available + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) * restoreRate)
        guard requested <= available else { return false }
        available -= actual
        return true
    }
}
