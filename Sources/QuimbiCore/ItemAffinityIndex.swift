/// ``ItemAffinities`` with every item numbered, so that a recommendation hashes each bought item once and
/// then works on integers: item names (title — variant) are rarely ASCII, and hashing a non-ASCII `String`
/// normalizes it to NFC every time, which cost a tenth of a known customer's ticket in the worker.
struct ItemAffinityIndex: Sendable, Hashable {
    /// A companion by number.
    struct Companion: Sendable, Hashable {
        var item: Int
        var score: Double
    }

    /// Item names by number.
    let names: [String]
    /// The number of each item.
    let numbers: [String: Int]
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
        self.companions = (0..<names.count).map { companionLists[$0] ?? [] }
        self.popular = distinctPopular
        self.popularityRank = rank
    }

    /// Up to `limit` item numbers not bought: highest summed companion score first (ties by popularity,
    /// then name), then the most popular.
    func recommend(forBought bought: Set<Int>, limit: Int) -> [Int] {
        var scores: [Int: Double] = [:]
        for item in bought {
            for companion in companions[item] where !bought.contains(companion.item) {
                scores[companion.item, default: 0] += companion.score
            }
        }
        var picked = scores.sorted { lhs, rhs in
            if lhs.value != rhs.value { return lhs.value > rhs.value }
            if popularityRank[lhs.key] != popularityRank[rhs.key] { return popularityRank[lhs.key] < popularityRank[rhs.key] }
            return names[lhs.key] < names[rhs.key]
        }.prefix(limit).map(\.key)
        for item in popular where picked.count < limit && !bought.contains(item) && !picked.contains(item) {
            picked.append(item)
        }
        return picked
    }
}
