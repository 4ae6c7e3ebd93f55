import Foundation
import QuimbiCore
import QuimbiStore

/// A store whose retention offers have a known true effect: customers with profiles in four archetypes,
/// offer decisions at three discount levels, each randomised between the offer and the holdout, next
/// orders drawn at the control rate plus the level's true uplift, and recent escalations by priority.
/// Next orders say what discount they carried: seven in ten of the offered arm's redeem the offer, the
/// rest and the held-out arm's carry none. Deterministic (SplitMix64, fixed seed).
struct SimulatedRetentionStore {
    /// A discount level and how many more customers it truly brings back (in shares, not points).
    struct Level: Sendable {
        var percent: Int
        var trueUplift: Double
    }

    static let controlRate = 0.20
    static let levels = [Level(percent: 10, trueUplift: 0.05), Level(percent: 15, trueUplift: 0.10), Level(percent: 20, trueUplift: 0.15)]
    static let offeredPerLevel = 3_000
    static let heldOutPerLevel = 1_500
    static let escalations = [("urgent", 4), ("high", 9), ("normal", 6)]
    /// Archetypes: id, label, strategy and the centre of their members' churn risk.
    static let archetypes: [(id: String, label: String, strategy: [String], risk: Double)] = [
        ("arch_000101", "Lapsing regulars", ["Win them back with a timed offer", "Ask what changed"], 0.7),
        ("arch_000202", "Loyal high spenders", ["Thank them personally", "Early access to new colours"], 0.15),
        ("arch_000303", "One-time bargain hunters", ["No discount beyond policy"], 0.85),
        ("arch_000404", "Steady monthly buyers", ["Keep shipping fast"], 0.35),
    ]

    let now: Date
    var seed: UInt64 = 17

    /// Writes profiles, archetypes, decisions and orders into the migrated database behind `pool`.
    func fill(_ pool: PostgresPool) async throws {
        var random = SplitMix64(state: seed)
        var decisions = DecisionColumns()
        var orders: [Order] = []
        var profiles: [CustomerProfile] = []
        for level in Self.levels {
            for arm in 0..<(Self.offeredPerLevel + Self.heldOutPerLevel) {
                let holdout = arm >= Self.offeredPerLevel
                let customer = "sim-\(level.percent)-\(arm)"
                let decidedAt = now.addingTimeInterval(-86_400 * (35 + 300 * random.unit()))
                decisions.append(customer: customer, at: decidedAt, percent: level.percent, holdout: holdout, escalate: false, priority: "normal")
                if random.unit() < Self.controlRate + (holdout ? 0 : level.trueUplift) {
                    let orderedAt = decidedAt.addingTimeInterval(86_400 * (1 + 28 * random.unit())), total = 40 + 40 * random.unit()
                    let discount = !holdout && arm % 10 < 7 ? total * Double(level.percent) / Double(100 - level.percent) : 0
                    orders.append(Order(id: "o-\(customer)", customerID: customer, createdAt: orderedAt, total: total, discountTotal: discount))
                }
                profiles.append(profile(customer, &random))
            }
        }
        for (priority, count) in Self.escalations {
            for index in 0..<count {
                let customer = "esc-\(priority)-\(index)"
                decisions.append(customer: customer, at: now.addingTimeInterval(-86_400 * (1 + 9 * random.unit())), percent: 0, holdout: false, escalate: true, priority: priority)
                profiles.append(profile(customer, &random))
            }
        }
        let archetypes = Self.archetypes.map { archetype in
            Archetype(id: archetype.id, label: archetype.label, dimensions: [:], members: profiles.filter { $0.archetypeID == archetype.id }.count,
                      avgLifetimeValue: 0, avgOrders: 0, churnDistribution: [:], behaviours: [], strategy: archetype.strategy)
        }
        try await SegmentationWriter(pool: pool).write(profiles: profiles, archetypes: archetypes, run: SegmentationRun(startedAt: now, finishedAt: now))
        _ = try await StoreWriter(pool: pool).write(customers: [], orders: orders)
        try await decisions.insert(into: pool)
    }

    private func profile(_ customer: String, _ random: inout SplitMix64) -> CustomerProfile {
        let archetype = Self.archetypes[random.next(below: Self.archetypes.count)]
        let value = 50 + 750 * random.unit()
        return CustomerProfile(
            customerID: customer, archetypeID: archetype.id, lifetimeValue: value, totalOrders: 3, avgOrderValue: value / 3,
            firstPurchaseAt: now.addingTimeInterval(-86_400 * 500), lastPurchaseAt: now.addingTimeInterval(-86_400 * 60),
            churnRiskScore: min(0.999, max(0, archetype.risk + 0.3 * (random.unit() - 0.5))))
    }
}

/// Decisions as columns, written in one statement (`unnest` of arrays).
private struct DecisionColumns {
    var customers: [String] = [], times: [String] = [], percents: [String] = [], holdouts: [String] = [], escalates: [String] = [], priorities: [String] = []

    mutating func append(customer: String, at date: Date, percent: Int, holdout: Bool, escalate: Bool, priority: String) {
        customers.append(customer)
        times.append(String(date.timeIntervalSince1970))
        percents.append(String(percent))
        holdouts.append(holdout ? "t" : "f")
        escalates.append(escalate ? "t" : "f")
        priorities.append(priority)
    }

    func insert(into pool: PostgresPool) async throws {
        func array(_ values: [String]) -> String { "{" + values.joined(separator: ",") + "}" }
        _ = try await pool.query("""
            INSERT INTO retention_decisions (draft_event_id, ticket_event_id, ticket_id, customer_id, decided_at, intent, churn_band,
                discount_percent, free_shipping, escalate, priority, holdout, withheld_discount_percent)
            SELECT 'd-' || c, 't-' || c, 'T-' || c, c, to_timestamp(at), 'churn_threat', 'high',
                   CASE WHEN h THEN 0 ELSE pct END, false, esc, prio, h, CASE WHEN h THEN pct END
            FROM unnest($1::text[], $2::float8[], $3::integer[], $4::boolean[], $5::boolean[], $6::text[]) AS u(c, at, pct, h, esc, prio)
            """, [array(customers), array(times), array(percents), array(holdouts), array(escalates), array(priorities)])
    }
}
