/// An item that goes with another, and how strongly (cosine of their buyer sets, in (0, 1]).
public struct ItemCompanion: Sendable, Hashable {
    /// The companion item, named as ``LineItem/displayName`` names it (title with variant).
    public var item: String
    /// Co-purchase strength.
    public var score: Double

    public init(item: String, score: Double) {
        self.item = item
        self.score = score
    }
}

/// Which items go together, learnt by `quimbi segment` from the store's own co-purchases: for each
/// item (title with variant, so colours count apart), its strongest companions; and the items by
/// number of buyers, for customers whose items have no companions.
public struct ItemAffinities: Sendable, Hashable, RecommendationSource, ImmediateLookup {
    /// Companions of each item, strongest first.
    public let companions: [String: [ItemCompanion]]
    /// Items by number of buyers, most bought first.
    public let popular: [String]
    /// Each popular item's place in ``popular`` (ties between recommendations go to the more popular).
    private let popularityRank: [String: Int]

    /// Affinities from their parts.
    public init(companions: [String: [ItemCompanion]], popular: [String]) {
        self.companions = companions
        self.popular = popular
        self.popularityRank = Dictionary(popular.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// No affinities: no recommendations.
    public static let empty = ItemAffinities(companions: [:], popular: [])

    /// Up to `limit` items not in `itemsBought`: those whose summed companion scores with the items
    /// bought are highest (ties by popularity), then the most popular ones.
    public func recommend(for itemsBought: [String], limit: Int) -> [String] {
        let bought = Set(itemsBought)
        var scores: [String: Double] = [:]
        for item in bought {
            for companion in companions[item] ?? [] where !bought.contains(companion.item) {
                scores[companion.item, default: 0] += companion.score
            }
        }
        let rank = popularityRank
        var picked = scores.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : (rank[lhs.key] ?? .max, lhs.key) < (rank[rhs.key] ?? .max, rhs.key)
        }.prefix(limit).map(\.key)
        for item in popular where picked.count < limit && !bought.contains(item) && !picked.contains(item) {
            picked.append(item)
        }
        return picked
    }

    public func recommendations(for itemsBought: [String], limit: Int) async throws -> [String] {
        recommend(for: itemsBought, limit: limit)
    }
}
