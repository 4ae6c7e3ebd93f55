import Foundation
import QuimbiCore

/// Discretises customers on six behavioural dimensions; each occupied combination is an archetype
/// with a stable id (the same levels give the same `arch_NNNNNN` in every run and every store).
public enum ArchetypeClassifier {
    /// The dimensions and their levels, in id order.
    static let dimensions: [(name: String, levels: [String])] = [
        ("value", ["low", "standard", "high", "vip"]),
        ("frequency", ["one_time", "occasional", "regular", "frequent"]),
        ("recency", ["on_rhythm", "overdue", "lapsed"]),
        ("tenure", ["new", "established", "loyal"]),
        ("order_size", ["small", "medium", "large"]),
        ("churn", ["low", "medium", "high"]),
    ]

    /// Level indexes of one customer, in ``dimensions`` order.
    static func levels(of features: CustomerFeatures, churnRisk: Double, asOf: Date) -> [Int] {
        let value = features.lifetimeValue < 100 ? 0 : features.lifetimeValue < 500 ? 1 : features.lifetimeValue < 1_500 ? 2 : 3
        let frequency = features.orderCount <= 1 ? 0 : features.orderCount <= 3 ? 1 : features.orderCount <= 9 ? 2 : 3
        let idleDays = asOf.timeIntervalSince(features.lastPurchaseAt) / 86_400
        let recency: Int
        if features.repeatPurchases > 0 {
            let rhythm = max(1, features.lastPurchaseAt.timeIntervalSince(features.firstPurchaseAt) / 86_400 / Double(features.repeatPurchases))
            recency = idleDays < 1.5 * rhythm ? 0 : idleDays < 3 * rhythm ? 1 : 2
        } else {
            recency = idleDays < 60 ? 0 : idleDays < 180 ? 1 : 2
        }
        let tenureDays = asOf.timeIntervalSince(features.firstPurchaseAt) / 86_400
        let tenure = tenureDays < 90 ? 0 : tenureDays < 365 ? 1 : 2
        let size = features.averageOrderValue < 30 ? 0 : features.averageOrderValue < 80 ? 1 : 2
        let churn = churnRisk < 0.35 ? 0 : churnRisk < 0.55 ? 1 : 2
        return [value, frequency, recency, tenure, size, churn]
    }

    /// `arch_` and six digits: the mixed-radix code of the levels, scattered by a bijection of
    /// 0…999,999 so ids do not look like counters.
    static func id(for levels: [Int]) -> String {
        var code = 0
        for (index, level) in levels.enumerated() { code = code * dimensions[index].levels.count + level }
        let scattered = (code * 7_919 + 104_729) % 1_000_000
        return "arch_" + String(repeating: "0", count: 6 - String(scattered).count) + String(scattered)
    }

    /// Aggregates the members of every occupied archetype.
    static func archetypes(members: [(levels: [Int], profile: CustomerProfile)]) -> [Archetype] {
        // Tallied as the members go: grouping them first copied a million members into arrays.
        var tallies: [[Int]: Tally] = [:]
        for member in members { tallies[member.levels, default: Tally()].add(member) }
        return tallies.map { levels, tally in
            let count = Double(tally.members)
            let named = Dictionary(uniqueKeysWithValues: levels.enumerated().map { (dimensions[$0.offset].name, dimensions[$0.offset].levels[$0.element]) })
            return Archetype(
                id: id(for: levels),
                label: ArchetypeNarrative.label(named),
                dimensions: named,
                members: tally.members,
                avgLifetimeValue: (tally.lifetimeValue / count * 100).rounded() / 100,
                avgOrders: (tally.orders / count * 100).rounded() / 100,
                churnDistribution: tally.churnDistribution,
                behaviours: ArchetypeNarrative.behaviours(named),
                strategy: ArchetypeNarrative.strategy(named)
            )
        }.sorted { $0.id < $1.id }
    }

    /// The running totals of a group of members (an archetype's, or all of a run's).
    struct Tally {
        var members = 0
        var lifetimeValue = 0.0
        var orders = 0.0
        /// Members per churn level (the last dimension).
        var churnBands = [0, 0, 0]

        init() {}

        /// The totals of `members`, added in order.
        init(_ members: [(levels: [Int], profile: CustomerProfile)]) {
            for member in members { add(member) }
        }

        mutating func add(_ member: (levels: [Int], profile: CustomerProfile)) {
            members += 1
            lifetimeValue += member.profile.lifetimeValue
            orders += Double(member.profile.totalOrders)
            churnBands[member.levels[5]] += 1
        }

        /// The share of the members at each churn level, by the level's name.
        var churnDistribution: [String: Double] {
            let count = Double(members)
            return ["low": Double(churnBands[0]) / count, "medium": Double(churnBands[1]) / count, "high": Double(churnBands[2]) / count]
        }
    }
}
