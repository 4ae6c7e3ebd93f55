/// A local token bucket mirroring Shopify's cost bucket for this app and shop, shared by every
/// concurrent lookup, so that the client spends points no faster than Shopify restores them.
///
/// Each request takes its estimated cost from the bucket before it is sent, as Shopify requires the
/// requested cost to be available; when the bucket is short the caller waits and asks again, so
/// refunds and a newly learnt restore rate shorten the wait. Every answer's `throttleStatus`
/// corrects the local view (never upwards past what Shopify reports) and refunds the difference
/// between the estimate and the actual cost.
actor CostThrottle {
    private var capacity: Double
    private var available: Double
    private var restoreRate: Double
    private var lastRefill: ContinuousClock.Instant

    /// Starts with a full 1000-point bucket restoring 100 points/s (Shopify's standard plan) until
    /// the first answer tells the shop's real one.
    init(capacity: Double = 1000, restoreRate: Double = 100) {
        self.capacity = capacity
        self.available = capacity
        self.restoreRate = restoreRate
        self.lastRefill = .now
    }

    /// Takes `cost` points (at most the bucket's capacity) and returns `nil`, or, when the bucket
    /// holds fewer, takes nothing and returns how long the restore rate needs to make up the gap.
    func take(_ cost: Double) -> Duration? {
        refill()
        let needed = min(cost, capacity)
        guard available < needed else {
            available -= needed
            return nil
        }
        return .seconds((needed - available) / restoreRate)
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
