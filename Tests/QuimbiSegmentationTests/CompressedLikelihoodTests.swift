import Foundation
import QuimbiCore
@testable import QuimbiSegmentation
import Testing

/// The BG/NBD fit sums over distinct histories (x, t_x, T), each weighted by its number of
/// customers: exactly the plain per-customer sum, so the fit is the plain fit.
struct CompressedLikelihoodTests {
    /// ln L of one customer, straight from Fader, Hardie & Lee (2005), eq. 6.
    static func plainLogLikelihood(_ m: BGNBDModel, _ customer: CustomerFeatures) -> Double {
        let x = Double(customer.repeatPurchases)
        let purchasing: Double = lgamma(m.r + x) - lgamma(m.r) + m.r * log(m.alpha)
        let dropout: Double = lgamma(m.a + m.b) + lgamma(m.b + x) - lgamma(m.b) - lgamma(m.a + m.b + x)
        let common = purchasing + dropout
        let stays = -(m.r + x) * log(m.alpha + customer.age)
        guard x > 0 else { return common + stays }
        let leaves = log(m.a / (m.b + x - 1)) - (m.r + x) * log(m.alpha + customer.recency)
        let top = max(stays, leaves)
        return common + top + log(exp(stays - top) + exp(leaves - top))
    }

    @Test(arguments: [1.0, 7.0])
    func theWeightedSumOverDistinctHistoriesIsThePlainSum(timeUnit: Double) {
        let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!
        let orders = SampleStoreGenerator.generate(customerCount: 30_000, seed: 17, asOf: asOf).orders
        let (features, _) = FeatureExtractor.features(from: orders, asOf: asOf, timeUnit: timeUnit)
        let distinct = Set(features.map { [Double($0.repeatPurchases), $0.recency, $0.age] }).count
        #expect(distinct < features.count, "\(distinct) distinct histories of \(features.count) customers")
        let likelihood = BGNBDLikelihood(features)
        for model in [BGNBDModel(r: 0.5, alpha: 50 / timeUnit, a: 0.8, b: 2.6), BGNBDModel(r: 2.1, alpha: 3, a: 0.2, b: 9)] {
            let compressed = likelihood.logLikelihoodWithGradient(model).value
            let plain = features.reduce(0) { $0 + Self.plainLogLikelihood(model, $1) }
            #expect(abs(compressed - plain) <= 1e-9 * abs(plain), "\(compressed) vs \(plain)")
        }
    }
}
