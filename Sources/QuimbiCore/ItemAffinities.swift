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
    /// The same, numbered (ties between recommendations go to the more popular).
    private let index: ItemAffinityIndex

    /// Affinities from their parts.
    public init(companions: [String: [ItemCompanion]], popular: [String]) {
        self.companions = companions
        self.popular = popular
        self.index = ItemAffinityIndex(companions: companions, popular: popular)
    }

    /// No affinities: no recommendations.
    public static let empty = ItemAffinities(companions: [:], popular: [])

    /// Up to `limit` items not in `itemsBought`: those whose summed companion scores with the items
    /// bought are highest (ties by popularity), then the most popular ones.
    public func recommend(for itemsBought: [String], limit: Int) -> [String] {
        // An item the affinities do not know has no companions and is never recommended: leaving it out changes nothing.
        let numbers = itemsBought.compactMap(index.number(of:)).sorted()
        let bought = numbers.indices.filter { $0 == 0 || numbers[$0 - 1] != numbers[$0] }.map { numbers[$0] }
        return index.recommend(forBought: bought, limit: limit).map { index.names[$0] }
    }

    public func recommendations(for itemsBought: [String], limit: Int) async throws -> [String] {
        recommend(for: itemsBought, limit: limit)
    }

    /// Equal when the companions and the popular items are (the index is derived from them).
    public static func == (lhs: ItemAffinities, rhs: ItemAffinities) -> Bool {
        lhs.companions == rhs.companions && lhs.popular == rhs.popular
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(companions)
        hasher.combine(popular)
    }
}
