/// ``ItemAffinities`` with every item numbered, so that a recommendation looks each bought item up once and
/// then works on integers: item names (title — variant) are rarely ASCII, and hashing a non-ASCII `String`
/// normalizes it to NFC every time, which cost a tenth of a known customer's ticket in the worker. A name
/// is looked up by its bytes first (``number(of:)``, in ``NumberedSpellings``).
struct ItemAffinityIndex: Sendable {
    /// A companion by number.
    struct Companion: Sendable, Hashable {
        var item: Int
        var score: Double
    }

    /// Item names by number.
    let names: [String]
    /// The number of each item.
    private let numbers: [String: Int]
    /// The same, by the bytes of the name.
    private let numbersBySpelling: NumberedSpellings
    /// Companions of each item, by number.
    let companions: [[Companion]]
    /// Popular items by number, most bought first (each once).
    let popular: [Int]
    /// Each item's place among the popular ones (`Int.max` for the others).
    let popularityRank: [Int]

    init(companions: [String: [ItemCompanion]], popular: [String]) {
        var names: [String] = []
        var numbers: [String: Int] = [:]
        func number(_ name: String) -> Int {
            if let known = numbers[name] { return known }
            numbers[name] = names.count
            names.append(name)
            return names.count - 1
        }
        let popularNumbers = popular.map(number)
        var companionLists: [Int: [Companion]] = [:]
        for (item, list) in companions.sorted(by: { $0.key < $1.key }) {
            companionLists[number(item)] = list.map { Companion(item: number($0.item), score: $0.score) }
        }
        var rank = Array(repeating: Int.max, count: names.count)
        var seen = Set<Int>()
        var distinctPopular: [Int] = []
        for (place, item) in popularNumbers.enumerated() where seen.insert(item).inserted {
            rank[item] = place
            distinctPopular.append(item)
        }
        self.names = names
        self.numbers = numbers
        numbersBySpelling = NumberedSpellings(names)
        self.companions = (0..<names.count).map { companionLists[$0] ?? [] }
        self.popular = distinctPopular
        self.popularityRank = rank
    }

    /// The number of the item named `name`. An order names its items as the affinities learnt them, from the
    /// same store: the bytes match, and the `String` lookup (which treats canonically equivalent spellings
    /// as one) runs only when they do not.
    func number(of name: String) -> Int? {
        numbersBySpelling.number(of: name) ?? numbers[name]
    }

    /// Up to `limit` item numbers not bought: highest summed companion score first (ties by popularity,
    /// then name), then the most popular. `bought` holds distinct numbers in increasing order, so that
    /// membership is a binary search and the scores are summed in the same order in every process.
    func recommend(forBought bought: [Int], limit: Int) -> [Int] {
        guard limit > 0 else { return [] }
        func isBought(_ item: Int) -> Bool {
            let index = bought.firstIndex(notPreceding: { $0 < item })
            return index < bought.count && bought[index] == item
        }
        var scores: [Int: Double] = Dictionary(minimumCapacity: bought.reduce(0) { $0 + companions[$1].count })
        for item in bought {
            for companion in companions[item] where !isBought(companion.item) {
                scores[companion.item, default: 0] += companion.score
            }
        }
        var picked = best(scores, limit: limit)
        for item in popular where picked.count < limit && !isBought(item) && !picked.contains(item) {
            picked.append(item)
        }
        return picked
    }

    /// The `limit` best-scored items, best first: a selection that keeps only those few in order, since a
    /// ticket asks for three of dozens of candidates.
    private func best(_ scores: [Int: Double], limit: Int) -> [Int] {
        func ranksBefore(_ lhs: (key: Int, value: Double), _ rhs: (key: Int, value: Double)) -> Bool {
            if lhs.value != rhs.value { return lhs.value > rhs.value }
            if popularityRank[lhs.key] != popularityRank[rhs.key] { return popularityRank[lhs.key] < popularityRank[rhs.key] }
            return names[lhs.key] < names[rhs.key]
        }
        guard scores.count > limit else { return scores.sorted(by: ranksBefore).map(\.key) }
        var kept: [(key: Int, value: Double)] = []
        kept.reserveCapacity(limit + 1)
        for candidate in scores where kept.count < limit || ranksBefore(candidate, kept[kept.count - 1]) {
            kept.insert(candidate, at: kept.firstIndex { ranksBefore(candidate, $0) } ?? kept.count)
            if kept.count > limit { kept.removeLast() }
        }
        return kept.map(\.key)
    }
}
