import QuimbiCore
import Testing

@Suite struct ItemAffinitiesTests {
    /// The recommendation as it was computed on item names, kept as the reference the numbered index must match.
    static func reference(_ affinities: ItemAffinities, bought itemsBought: [String], limit: Int) -> [String] {
        let bought = Set(itemsBought)
        var rank: [String: Int] = [:]
        for (place, item) in affinities.popular.enumerated() where rank[item] == nil { rank[item] = place }
        var scores: [String: Double] = [:]
        for item in bought {
            for companion in affinities.companions[item] ?? [] where !bought.contains(companion.item) {
                scores[companion.item, default: 0] += companion.score
            }
        }
        var picked = scores.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : (rank[lhs.key] ?? .max, lhs.key) < (rank[rhs.key] ?? .max, rhs.key)
        }.prefix(limit).map(\.key)
        for item in affinities.popular where picked.count < limit && !bought.contains(item) && !picked.contains(item) {
            picked.append(item)
        }
        return picked
    }

    @Test func recommendsAsTheNameBasedReferenceOnRandomCatalogues() {
        var random = SplitMix64(state: 17)
        // Non-ASCII names, as real ones (title — variant); scores in eighths, so that sums are exact and ties real.
        let catalogue = (0..<40).map { "Thread \($0 % 7) — colour \($0)" } + ["Aiguille à broder", "Zubehör"]
        for round in 0..<300 {
            var companions: [String: [ItemCompanion]] = [:]
            for item in catalogue where random.next(below: 3) > 0 {
                companions[item] = (0..<random.next(below: 6)).map { _ in
                    ItemCompanion(item: catalogue[random.next(below: catalogue.count)], score: Double(1 + random.next(below: 8)) / 8)
                }
            }
            let popular = (0..<random.next(below: 12)).map { _ in catalogue[random.next(below: catalogue.count)] }
            let affinities = ItemAffinities(companions: companions, popular: popular)
            let bought = (0..<random.next(below: 6)).map { _ in
                random.next(below: 5) == 0 ? "Not in the catalogue \(round)" : catalogue[random.next(below: catalogue.count)]
            }
            let limit = random.next(below: 6)
            #expect(
                affinities.recommend(for: bought, limit: limit) == Self.reference(affinities, bought: bought, limit: limit),
                "round \(round): bought \(bought), limit \(limit)")
        }
    }

    /// Items are found by their bytes first; a name spelt with other scalars (decomposed accents) is still the
    /// same item, as it was when items were looked up as `String`s.
    @Test func aNameSpeltDecomposedIsTheSameItem() {
        let affinities = ItemAffinities(
            companions: ["Aiguille \u{E0} broder": [ItemCompanion(item: "Zubeh\u{F6}r", score: 1)]], popular: ["Zubeh\u{F6}r", "Fil"])
        #expect(affinities.recommend(for: ["Aiguille a\u{300} broder"], limit: 1) == ["Zubeh\u{F6}r"])
        #expect(affinities.recommend(for: ["Zubeho\u{308}r"], limit: 1) == ["Fil"])
    }

    @Test func tiesGoToTheMorePopularThenToTheName() {
        let affinities = ItemAffinities(
            companions: ["Cotton — cream": [
                ItemCompanion(item: "Silk — red", score: 0.5), ItemCompanion(item: "Linen — blue", score: 0.5),
                ItemCompanion(item: "Wool — grey", score: 0.5), ItemCompanion(item: "Jute — tan", score: 0.25),
            ]],
            popular: ["Wool — grey", "Needles", "Wool — grey"])
        #expect(affinities.recommend(for: ["Cotton — cream"], limit: 3) == ["Wool — grey", "Linen — blue", "Silk — red"])
        #expect(affinities.recommend(for: ["Cotton — cream", "Wool — grey"], limit: 5) == ["Linen — blue", "Silk — red", "Jute — tan", "Needles"])
        #expect(affinities.recommend(for: ["Unknown"], limit: 2) == ["Wool — grey", "Needles"])
        #expect(ItemAffinities.empty.recommend(for: ["Cotton — cream"], limit: 3).isEmpty)
    }
}
