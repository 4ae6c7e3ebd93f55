/// A local token bucket mirroring Shopify's cost bucket for this app and shop, shared by every
/// concurrent lookup, so that the client spends points no faster than Shopify restores them.
///
/// Each request reserves its estimated cost before it is sent; the bucket may go negative, and a
/// reservation that does so waits until the restore rate has paid the debt. Every answer's
/// `throttleStatus` corrects the local view (never upwards past what Shopify reports) and refunds
/// the difference between the estimate and the actual cost.
actor CostThrottle {
    private var capacity: Double
    private var available: Double
    private var restoreRate: Double
    private var lastRefill: ContinuousClock.Instant

    /// Starts full with Shopify's smallest published bucket until the first answer tells the real one.
    init(capacity: Double = 1000, restoreRate: Double = 50) {
        self.capacity = capacity
        self.available = capacity
        self.restoreRate = restoreRate
        self.lastRefill = .now
    }

    /// Reserves `cost` points and returns how long the caller must wait before sending.
    func reserve(_ cost: Double) -> Duration {
        refill()
        available -= cost
        guard available < 0 else { return .zero }
        return .seconds(-available / restoreRate)
    }

    /// Returns points reserved for a request that was never sent.
    func release(_ cost: Double) {
        refill()
        available = min(capacity, available + cost)
    }

    /// Applies one answer's cost report: refunds `estimate − actual` and adopts Shopify's bucket.
    func observe(_ cost: QueryCost, estimate: Double) {
        refill()
        if let actual = cost.actualQueryCost {
            available = min(capacity, available + estimate - actual)
        }
        guard let status = cost.throttleStatus, status.restoreRate > 0, status.maximumAvailable > 0 else { return }
        capacity = status.maximumAvailable
        restoreRate = status.restoreRate
        available = min(available, status.currentlyAvailable)
    }

    /// The points the bucket holds now (negative while reservations wait).
    var currentlyAvailable: Double {
        refill()
        return available
    }

    private func refill() {
        let now = ContinuousClock.Instant.now
        let elapsed = lastRefill.duration(to: now)
        lastRefill = now
        available = min(capacity, available + elapsed.secondsValue * restoreRate)
    }
}
