import Foundation
import QuimbiCore
import QuimbiSegmentation
import Testing

@Suite struct GeneratedStoreTests {
    static let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!
    static let store = SampleStoreGenerator.generate(customerCount: 27_415, seed: 7, asOf: asOf)
    static let result = try! Segmenter().segment(orders: store.orders, asOf: asOf)

    @Test func theSeedCustomerLooksAsInTheSeed() throws {
        let profile = try #require(Self.result.profiles.first { $0.customerID == "7415378247935" })
        let snapshot = profile.snapshot(asOf: Self.asOf)
        #expect(snapshot.lifetimeValue == 179.42 && snapshot.totalOrders == 3 && snapshot.avgOrderValue == 59.81)
        #expect(snapshot.daysSinceLastPurchase == 230 && snapshot.customerTenureDays == 250)
        #expect(snapshot.churnRiskScore >= 0.55, "high churn band, got \(snapshot.churnRiskScore)")
        let items = Set(Self.store.orders.filter { $0.customerID == "7415378247935" }.flatMap(\.lineItems).map(\.title))
        #expect(items == ["Cotton thread — cream", "Metallic thread — silver"])
        #expect(Self.store.customers.count == 27_415)
    }

    /// The shared side-by-side benchmark's tickets name customers 1000 + (i · 7919 mod 27,415): with ids
    /// 1001…28414 they reach known customers (all but 1000), as the Python peer's do.
    @Test func theSideBySideBenchmarksTicketsNameKnownCustomers() {
        let ids = Set(Self.store.customers.map(\.id))
        #expect(ids == Set((1_001...28_414).map(String.init)).union(["7415378247935"]))
        let named = (0..<60_000).map { String(1_000 + ($0 * 7_919) % 27_415) }
        #expect(named.filter(ids.contains).count >= 59_990)
        #expect(Set(Self.store.orders.map(\.customerID)).isSubset(of: ids))
    }

    @Test func isDeterministicBySeed() {
        let again = SampleStoreGenerator.generate(customerCount: 500, seed: 11, asOf: Self.asOf)
        let same = SampleStoreGenerator.generate(customerCount: 500, seed: 11, asOf: Self.asOf)
        let other = SampleStoreGenerator.generate(customerCount: 500, seed: 12, asOf: Self.asOf)
        #expect(again.orders == same.orders && again.customers == same.customers)
        #expect(again.orders != other.orders)
    }

    @Test func archetypesNumberInTheHundredsWithStableIdsAndAggregates() throws {
        let archetypes = Self.result.archetypes
        #expect((100...1_000).contains(archetypes.count), "\(archetypes.count) archetypes")
        #expect(archetypes.allSatisfy { $0.id.wholeMatch(of: /arch_[0-9]{6}/) != nil })
        #expect(Set(archetypes.map(\.id)).count == archetypes.count)
        #expect(archetypes.reduce(0) { $0 + $1.members } == Self.result.profiles.count)
        let ids = Set(archetypes.map(\.id))
        #expect(Self.result.profiles.allSatisfy { ids.contains($0.archetypeID) })
        let sample = try #require(archetypes.max { $0.members < $1.members })
        #expect(!sample.label.isEmpty && !sample.strategy.isEmpty && !sample.behaviours.isEmpty)
        #expect(abs(sample.churnDistribution.values.reduce(0, +) - 1) < 1e-9)

        let smaller = try Segmenter().segment(orders: SampleStoreGenerator.generate(customerCount: 3_000, seed: 99, asOf: Self.asOf).orders, asOf: Self.asOf)
        let seedArchetype = Self.result.profiles.first { $0.customerID == "7415378247935" }?.archetypeID
        #expect(smaller.profiles.first { $0.customerID == "7415378247935" }?.archetypeID == seedArchetype,
                "the same behaviour gets the same archetype id in another run and store")
    }

    @Test func aFitOnALargeGeneratedStoreRecoversTheGeneratingParameters() throws {
        let truth = GenerativeParameters.threadShop
        let store = SampleStoreGenerator.generate(customerCount: 60_000, seed: 3, asOf: Self.asOf)
        let (features, _) = FeatureExtractor.features(from: store.orders, asOf: Self.asOf)
        let (model, fit) = try ModelFitter.fitBGNBD(features)
        let (spend, _) = try ModelFitter.fitGammaGamma(features)
        func near(_ value: Double, _ expected: Double, _ tolerance: Double) -> Bool { abs(value - expected) / expected <= tolerance }
        #expect(fit.converged)
        #expect(near(model.r, truth.purchasing.r, 0.1), "r = \(model.r)")
        #expect(near(model.alpha, truth.purchasing.alpha, 0.15), "α = \(model.alpha)")
        #expect(near(model.a, truth.purchasing.a, 0.15), "a = \(model.a)")
        #expect(near(model.b, truth.purchasing.b, 0.15), "b = \(model.b)")
        #expect(near(spend.p, truth.spend.p, 0.1), "p = \(spend.p)")
        #expect(near(spend.q, truth.spend.q, 0.1), "q = \(spend.q)")
        #expect(near(spend.gamma, truth.spend.gamma, 0.15), "γ = \(spend.gamma)")
    }

    @Test func profilesNeverCarryNaNOrInfinity() {
        for profile in Self.result.profiles {
            let numbers = [profile.lifetimeValue, profile.avgOrderValue, profile.churnRiskScore, profile.pAlive ?? 0,
                           profile.expectedPurchases90d ?? 0, profile.predictedValue365d ?? 0]
            #expect(numbers.allSatisfy { $0.isFinite })
            #expect((0...1).contains(profile.churnRiskScore))
        }
    }
}
