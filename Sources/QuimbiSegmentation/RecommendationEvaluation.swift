import QuimbiCore

/// Offline check of the co-purchase recommendations: each repeat customer's last order is held out,
/// affinities are learnt from every other order, and a customer counts as a hit when one of the
/// `k` items recommended from their earlier items is among the new items of the held-out order.
/// The baseline recommends the `k` most bought items the customer has not bought.
public struct RecommendationEvaluation: Sendable, Hashable, Codable {
    /// Repeat customers whose last order holds at least one item they had not bought before.
    public var customers: Int
    /// Items recommended per customer.
    public var k: Int
    /// Share of customers hit by the co-purchase recommendations.
    public var coPurchaseHitRate: Double
    /// Share of customers hit by the popularity baseline.
    public var popularityHitRate: Double

    /// Evaluates on `orders` (any order of input).
    public static func evaluate(orders: [Order], k: Int = 3) -> RecommendationEvaluation {
        var counter = CoPurchaseCounter()
        var cases: [(bought: [String], next: Set<String>)] = []
        for history in Dictionary(grouping: orders, by: \.customerID).values {
            let sorted = history.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            let earlier = sorted.count > 1 ? sorted.dropLast() : sorted[...]
            for order in earlier { counter.add(order) }
            guard let last = sorted.last, sorted.count > 1 else { continue }
            let bought = Set(earlier.flatMap(\.lineItems).map(\.displayName))
            let next = Set(last.lineItems.map(\.displayName)).subtracting(bought)
            if !next.isEmpty { cases.append((bought.sorted(), next)) }
        }
        let affinities = counter.affinities()
        let popularity = ItemAffinities(companions: [:], popular: affinities.popular)
        func hitRate(_ model: ItemAffinities) -> Double {
            guard !cases.isEmpty else { return 0 }
            let hits = cases.filter { test in model.recommend(for: test.bought, limit: k).contains(where: test.next.contains) }.count
            return Double(hits) / Double(cases.count)
        }
        return RecommendationEvaluation(
            customers: cases.count, k: k, coPurchaseHitRate: hitRate(affinities), popularityHitRate: hitRate(popularity))
    }
}
