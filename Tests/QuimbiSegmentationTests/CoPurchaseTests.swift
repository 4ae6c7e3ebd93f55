import Foundation
import QuimbiCore
import QuimbiSegmentation
import Testing

/// Item-to-item affinities from co-purchases, the recommendations drawn from them, and their offline evaluation.
@Suite struct CoPurchaseTests {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)

    static func order(_ id: String, _ customer: String, daysAgo: Double = 0, _ items: [(String, String?)]) -> Order {
        Order(id: id, customerID: customer, createdAt: day.addingTimeInterval(-86_400 * daysAgo), total: 10,
              lineItems: items.map { LineItem(title: $0.0, variant: $0.1, quantity: 1, unitPrice: 5) })
    }

    /// Three customers buy cream with silver thread, one cream with navy; navy is also bought alone twice.
    static let orders = [
        order("1", "a", [("Cotton Thread 50wt", "Cream"), ("Cotton Thread 50wt", "Silver")]),
        order("2", "b", [("Cotton Thread 50wt", "Cream")]), order("3", "b", daysAgo: 9, [("Cotton Thread 50wt", "Silver")]),
        order("4", "c", [("Cotton Thread 50wt", "Cream"), ("Cotton Thread 50wt", "Silver"), ("Seam ripper", nil)]),
        order("5", "d", [("Cotton Thread 50wt", "Cream"), ("Cotton Thread 50wt", "Navy")]),
        order("6", "e", [("Cotton Thread 50wt", "Navy")]), order("7", "f", [("Cotton Thread 50wt", "Navy")]),
    ]

    @Test func companionsScoreTheCosineOfTheirBuyersAndVariantsCountApart() throws {
        var counter = CoPurchaseCounter()
        for order in Self.orders { counter.add(order) }
        let affinities = counter.affinities()
        let cream = try #require(affinities.companions["Cotton Thread 50wt — Cream"])
        // cream: 4 buyers, silver: 3, navy: 3, seam ripper: 1; together 3, 1 and 1.
        #expect(cream.map(\.item) == ["Cotton Thread 50wt — Silver", "Seam ripper", "Cotton Thread 50wt — Navy"])
        #expect(abs(cream[0].score - 3 / (4 * 3 as Double).squareRoot()) < 1e-12)
        #expect(abs(cream[1].score - 1 / (4 * 1 as Double).squareRoot()) < 1e-12)
        #expect(affinities.popular == ["Cotton Thread 50wt — Cream", "Cotton Thread 50wt — Navy", "Cotton Thread 50wt — Silver", "Seam ripper"])
        #expect(affinities.companions["Cotton Thread 50wt — Navy"]?.map(\.item) == ["Cotton Thread 50wt — Cream"])
    }

    /// Lines are found by their bytes, items by their names: an empty variant names the item no variant does, and
    /// two spellings of one accented title (composed, decomposed) are one item, however their lines come.
    @Test func linesSpeltApartThatNameOneItemCountAsOne() {
        var counter = CoPurchaseCounter()
        counter.add(title: "Fil de lin \u{E9}cru", variant: nil, customerID: "a")
        counter.add(title: "Fil de lin e\u{301}cru", variant: "", customerID: "b")
        counter.add(title: "Fil de lin \u{E9}cru", variant: "", customerID: "c")
        counter.add(title: "Aiguilles", variant: nil, customerID: "c")
        counter.add(title: "Aiguilles", variant: nil, customerID: "a")
        let affinities = counter.affinities()
        #expect(affinities.popular == ["Fil de lin \u{E9}cru", "Aiguilles"])
        // écru: 3 buyers, needles: 2, together: 2 (a and c).
        #expect(affinities.companions["Aiguilles"] == [ItemCompanion(item: "Fil de lin \u{E9}cru", score: 2 / 6.0.squareRoot())])
    }

    /// The counter keeps each customer's items apart over many customers: its scores are those of a plain count.
    @Test func manyCustomersEachKeepTheirOwnItems() {
        var counter = CoPurchaseCounter()
        var itemsOfCustomer: [String: Set<String>] = [:]
        var random = SplitMix64(state: 11)
        for _ in 0..<30_000 {
            let customer = "c\(random.next(below: 5_000))"
            let variant = String(random.next(below: 6))
            counter.add(title: "Thread", variant: variant, customerID: customer)
            itemsOfCustomer[customer, default: []].insert("Thread — \(variant)")
        }
        var buyers: [String: Int] = [:]
        var together: [String: Int] = [:]
        for items in itemsOfCustomer.values {
            for item in items {
                buyers[item, default: 0] += 1
                for other in items where other != item { together["\(item)|\(other)", default: 0] += 1 }
            }
        }
        let affinities = counter.affinities()
        for (item, companions) in affinities.companions {
            for companion in companions {
                let expected = Double(together["\(item)|\(companion.item)"] ?? 0)
                    / (Double(buyers[item] ?? 0) * Double(buyers[companion.item] ?? 0)).squareRoot()
                #expect(abs(companion.score - expected) < 1e-12, "\(item) with \(companion.item)")
            }
        }
        #expect(affinities.companions.count == 6)
    }

    @Test func recommendationsLeaveOutWhatWasBoughtAndFillUpByPopularity() {
        var counter = CoPurchaseCounter()
        for order in Self.orders { counter.add(order) }
        let affinities = counter.affinities()
        #expect(affinities.recommend(for: ["Cotton Thread 50wt — Cream"], limit: 3)
            == ["Cotton Thread 50wt — Silver", "Seam ripper", "Cotton Thread 50wt — Navy"])
        #expect(affinities.recommend(for: ["Cotton Thread 50wt — Navy"], limit: 2) == ["Cotton Thread 50wt — Cream", "Cotton Thread 50wt — Silver"])
        #expect(affinities.recommend(for: ["Unknown item"], limit: 2) == ["Cotton Thread 50wt — Cream", "Cotton Thread 50wt — Navy"])
        #expect(ItemAffinities.empty.recommend(for: ["Cotton Thread 50wt — Cream"], limit: 3).isEmpty)
    }

    @Test func theGeneratedStoresCustomersKeepToTheirColourPairs() {
        let store = SampleStoreGenerator.generate(customerCount: 3_000, seed: 3, asOf: Self.day)
        var counter = CoPurchaseCounter()
        for order in store.orders { counter.add(order) }
        let companions = counter.affinities().companions["Cotton thread — navy (500 m spool)"] ?? []
        #expect(Set(companions.prefix(3).map(\.item))
            == ["Polyester thread — navy (1000 m spool)", "Cotton thread — white (500 m spool)", "Polyester thread — white (1000 m spool)"],
            "\(companions.prefix(4))")
    }

    @Test func coPurchasesBeatPopularityWhenTheLastOrderIsHeldOut() {
        let store = SampleStoreGenerator.generate(customerCount: 5_000, seed: 7, asOf: Self.day)
        let evaluation = RecommendationEvaluation.evaluate(orders: store.orders)
        #expect(evaluation.k == 3 && evaluation.customers > 500)
        #expect(evaluation.coPurchaseHitRate > evaluation.popularityHitRate + 0.1, "\(evaluation)")
        let tiny = RecommendationEvaluation.evaluate(orders: Self.orders)
        // Only b repeats: silver first, then cream; from silver, cream is its only companion left (a and c) → a hit.
        #expect(tiny.customers == 1 && tiny.coPurchaseHitRate == 1)
    }
}
