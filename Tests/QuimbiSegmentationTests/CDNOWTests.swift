import Foundation
import QuimbiCore
import QuimbiSegmentation
import Testing

/// The published CDNOW estimates (Fader, Hardie & Lee 2005) are reproduced.
@Suite struct CDNOWTests {
    static let orders: [Order] = {
        let url = Bundle.module.url(forResource: "CDNOW_sample", withExtension: "txt", subdirectory: "Fixtures")!
        return OrderFileParser.parse(try! String(contentsOf: url, encoding: .utf8)).orders
    }()

    static func day(_ text: String) -> Date { RFC3339.date(from: text + "T00:00:00Z")! }
    static let weeks = SegmentationConfiguration(timeUnitDays: 7)

    @Test func parsesTheWholeSample() {
        let parsed = OrderFileParser.parse(try! String(contentsOf: Bundle.module.url(forResource: "CDNOW_sample", withExtension: "txt", subdirectory: "Fixtures")!, encoding: .utf8))
        #expect(parsed.rejected.isEmpty)
        #expect(parsed.orders.count == 6_919)
        #expect(Set(parsed.orders.map(\.customerID)).count == 2_357)
    }

    @Test func bgnbdReproducesThePublishedEstimates() throws {
        let (features, _) = FeatureExtractor.features(from: Self.orders, asOf: Self.day("1997-09-30"), timeUnit: 7)
        let (model, fit) = try ModelFitter.fitBGNBD(features)
        func close(_ value: Double, _ published: Double) -> Bool { abs(value - published) / published <= 0.005 }
        #expect(close(model.r, 0.243), "r = \(model.r)")
        #expect(close(model.alpha, 4.414), "α = \(model.alpha)")
        #expect(close(model.a, 0.793), "a = \(model.a)")
        #expect(close(model.b, 2.426), "b = \(model.b)")
        #expect(abs(fit.logLikelihood - -9_582.4) <= 0.5, "LL = \(fit.logLikelihood)")
        #expect(fit.converged)
    }

    @Test func gammaGammaReproducesThePublishedEstimates() throws {
        let (features, _) = FeatureExtractor.features(from: Self.orders, asOf: Self.day("1997-09-30"), timeUnit: 7)
        #expect(features.filter { $0.repeatPurchases > 0 }.count == 946)
        let (model, _) = try ModelFitter.fitGammaGamma(features)
        func close(_ value: Double, _ published: Double) -> Bool { abs(value - published) / published <= 0.01 }
        #expect(close(model.p, 6.25), "p = \(model.p)")
        #expect(close(model.q, 3.74), "q = \(model.q)")
        #expect(close(model.gamma, 15.44), "γ = \(model.gamma)")
    }

    @Test func holdoutPredictionsCorrelateAsPublishedAndTheChurnScoreRanksWell() throws {
        let report = try HoldoutEvaluation.evaluate(
            orders: Self.orders, calibrationEnd: Self.day("1997-09-30"), holdoutEnd: Self.day("1998-06-30"), configuration: Self.weeks)
        #expect((0.62...0.635).contains(report.correlation), "correlation = \(report.correlation)")
        #expect(report.churnAUC > 0.7, "churn AUC = \(report.churnAUC)")
        #expect(report.churnAUC > report.oneMinusPAliveAUC + 0.1, "1 − P(alive) ranks worse: \(report.oneMinusPAliveAUC)")
    }
}
