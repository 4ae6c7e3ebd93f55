import Foundation
import QuimbiCore

/// Settings of a segmentation run.
public struct SegmentationConfiguration: Sendable, Hashable {
    /// Churn risk = P(no purchase in the next `churnHorizonDays`).
    public var churnHorizonDays: Double
    /// The models' time unit in days: 1 (days) for stores, 7 (weeks) to compare with the CDNOW literature.
    public var timeUnitDays: Double

    public init(churnHorizonDays: Double = 365, timeUnitDays: Double = 1) {
        self.churnHorizonDays = churnHorizonDays
        self.timeUnitDays = timeUnitDays
    }
}

/// Fitted parameters and figures of a run, printed by `quimbi segment`.
public struct SegmentationSummary: Sendable, Hashable, Codable {
    public var customers: Int
    public var archetypes: Int
    public var averageLifetimeValue: Double
    /// Share of customers per churn band.
    public var churnDistribution: [String: Double]
    public var bgnbd: BGNBDModel
    public var bgnbdFit: FitReport
    public var gammaGamma: GammaGammaModel?
    public var gammaGammaFit: FitReport?
    public var features: FeatureReport.Counts
    public var fitSeconds: Double
    public var scoringSeconds: Double
}

extension FeatureReport {
    /// Codable counts of what feature extraction skipped.
    public struct Counts: Sendable, Hashable, Codable {
        public var ordersAfterAsOf: Int
        public var duplicateOrderIDs: Int
        public var negativeTotals: Int
    }

    var counts: Counts { Counts(ordersAfterAsOf: ordersAfterAsOf, duplicateOrderIDs: duplicateOrderIDs, negativeTotals: negativeTotals) }
}

/// Profiles, archetypes and the run's summary.
public struct SegmentationResult: Sendable {
    public var profiles: [CustomerProfile]
    public var archetypes: [Archetype]
    public var summary: SegmentationSummary
}

/// Turns a store's orders into behavioural profiles and archetypes (DESIGN §6).
public struct Segmenter: Sendable {
    public let configuration: SegmentationConfiguration

    public init(configuration: SegmentationConfiguration = .init()) {
        self.configuration = configuration
    }

    /// Segments the orders as of `asOf` (time unit: days).
    public func segment(orders: [Order], asOf: Date) throws(SegmentationError) -> SegmentationResult {
        let (features, report) = FeatureExtractor.features(from: orders, asOf: asOf, timeUnit: configuration.timeUnitDays)
        return try segment(features: features, report: report, asOf: asOf)
    }

    /// Segments the customers of the orders folded into `accumulator`, as of `asOf` (its cut-off): for orders
    /// streamed rather than held.
    public func segment(_ accumulator: FeatureAccumulator, asOf: Date) throws(SegmentationError) -> SegmentationResult {
        try segment(features: accumulator.features(timeUnit: configuration.timeUnitDays), report: accumulator.report, asOf: asOf)
    }

    /// Segments customers given by their features as of `asOf` (times in the configuration's unit);
    /// `report` says what feature extraction left out.
    ///
    /// Fallbacks: when nobody has a positive repeat purchase the spend model is skipped and each
    /// customer's own average order value is used; every score is clamped to a finite value in range.
    public func segment(features: [CustomerFeatures], report: FeatureReport, asOf: Date) throws(SegmentationError) -> SegmentationResult {
        let clock = ContinuousClock()
        let started = clock.now
        guard !features.isEmpty else { throw SegmentationError(.noOrders, "no orders on or before \(RFC3339.string(from: asOf))") }
        let (bgnbd, bgnbdFit) = try ModelFitter.fitBGNBD(features)
        let spend = try? ModelFitter.fitGammaGamma(features)
        let fitted = clock.now
        let populationSpend = features.reduce(0) { $0 + $1.averageOrderValue } / Double(features.count)

        // Each customer is scored alone, so the customers are scored on all cores.
        let members = ParallelChunks.elements(count: features.count) { index in
            score(features[index], bgnbd: bgnbd, spend: spend?.0, populationSpend: populationSpend, asOf: asOf)
        }
        let archetypes = ArchetypeClassifier.archetypes(members: members)
        let profiles = members.map(\.profile)
        let all = ArchetypeClassifier.Tally(members)
        let summary = SegmentationSummary(
            customers: profiles.count,
            archetypes: archetypes.count,
            averageLifetimeValue: Self.cents(all.lifetimeValue / Double(all.members)),
            churnDistribution: all.churnDistribution,
            bgnbd: bgnbd, bgnbdFit: bgnbdFit, gammaGamma: spend?.0, gammaGammaFit: spend?.1,
            features: report.counts,
            fitSeconds: (fitted - started).inSeconds,
            scoringSeconds: (clock.now - fitted).inSeconds
        )
        return SegmentationResult(profiles: profiles, archetypes: archetypes, summary: summary)
    }

    /// The customer's archetype levels and profile under the fitted models.
    private func score(
        _ customer: CustomerFeatures, bgnbd: BGNBDModel, spend: GammaGammaModel?, populationSpend: Double, asOf: Date
    ) -> (levels: [Int], profile: CustomerProfile) {
        let unit = configuration.timeUnitDays
        let x = Double(customer.repeatPurchases)
        let churn = Self.unit(bgnbd.probabilityNoPurchase(horizon: configuration.churnHorizonDays / unit, x: x, tx: customer.recency, age: customer.age))
        let expected90 = Self.finite(bgnbd.expectedPurchases(horizon: 90 / unit, x: x, tx: customer.recency, age: customer.age))
        let expected365 = Self.finite(bgnbd.expectedPurchases(horizon: 365 / unit, x: x, tx: customer.recency, age: customer.age))
        let unitSpend = spend?.expectedSpend(x: customer.repeatPurchases, meanSpend: customer.meanRepeatSpend, fallback: populationSpend)
            ?? customer.averageOrderValue
        let levels = ArchetypeClassifier.levels(of: customer, churnRisk: churn, asOf: asOf)
        let profile = CustomerProfile(
            customerID: customer.customerID,
            archetypeID: ArchetypeClassifier.id(for: levels),
            lifetimeValue: Self.cents(customer.lifetimeValue),
            totalOrders: customer.orderCount,
            avgOrderValue: Self.cents(customer.averageOrderValue),
            firstPurchaseAt: customer.firstPurchaseAt,
            lastPurchaseAt: customer.lastPurchaseAt,
            churnRiskScore: (churn * 1_000).rounded() / 1_000,
            pAlive: Self.unit(bgnbd.probabilityAlive(x: x, tx: customer.recency, age: customer.age)),
            expectedPurchases90d: (expected90 * 1_000).rounded() / 1_000,
            predictedValue365d: Self.cents(expected365 * Self.finite(unitSpend))
        )
        return (levels, profile)
    }

    static func unit(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 1 }
    static func finite(_ value: Double) -> Double { value.isFinite ? max(0, value) : 0 }
    static func cents(_ value: Double) -> Double { (finite(value) * 100).rounded() / 100 }
}
