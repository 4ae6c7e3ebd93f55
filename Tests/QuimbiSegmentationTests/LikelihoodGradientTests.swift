import Foundation
@testable import QuimbiSegmentation
import Testing

/// The analytic derivatives behind the BG/NBD fit agree with finite differences, and BFGS finds
/// the minimum of a classic hard valley.
@Suite struct LikelihoodGradientTests {
    @Test func digammaMatchesKnownValuesAndTheDerivativeOfLogGamma() {
        let eulerGamma = 0.577_215_664_901_532_9
        #expect(abs(SpecialFunctions.digamma(1) + eulerGamma) <= 1e-14)
        #expect(abs(SpecialFunctions.digamma(0.5) + eulerGamma + 2 * log(2.0)) <= 1e-14)
        for x in [0.01, 0.243, 0.793, 1.7, 2.426, 6.5, 11.99, 12.01, 40, 3_000] {
            let h = 1e-5 * x
            let difference = (lgamma(x + h) - lgamma(x - h)) / (2 * h)
            #expect(abs(SpecialFunctions.digamma(x) - difference) <= 1e-7 * max(1, abs(difference)), "ψ(\(x))")
        }
        #expect(SpecialFunctions.digamma(0) == -.infinity)
        #expect(SpecialFunctions.digamma(-1).isNaN)
    }

    @Test func bgnbdGradientMatchesCentralDifferences() {
        let (features, _) = FeatureExtractor.features(from: CDNOWTests.orders, asOf: CDNOWTests.day("1997-09-30"), timeUnit: 7)
        let likelihood = BGNBDLikelihood(features)
        func model(_ p: [Double]) -> BGNBDModel { BGNBDModel(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])) }
        // The published optimum, the fit's start and a point far from both.
        for point in [[log(0.243), log(4.414), log(0.793), log(2.426)] as [Double], [0, log(8.0), 0, 0], [1.2, -0.7, -2, 1.5]] {
            let gradient = likelihood.logLikelihoodWithGradient(model(point)).gradient
            for index in 0..<4 {
                let h = 1e-5
                var up = point, down = point
                up[index] += h
                down[index] -= h
                let difference = (likelihood.logLikelihoodWithGradient(model(up)).value
                    - likelihood.logLikelihoodWithGradient(model(down)).value) / (2 * h)
                #expect(abs(gradient[index] - difference) <= 1e-3 + 1e-6 * abs(difference), "∂/∂θ\(index) at \(point): \(gradient[index]) vs \(difference)")
            }
        }
    }

    @Test func bfgsFindsTheRosenbrockMinimum() {
        let rosenbrock: ([Double]) -> BFGS.Evaluation = { p in
            let (x, y) = (p[0], p[1])
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }
        let minimum = BFGS().minimize(rosenbrock, from: [-1.2, 1])
        #expect(minimum.converged)
        #expect(abs(minimum.point[0] - 1) <= 1e-5 && abs(minimum.point[1] - 1) <= 1e-5, "\(minimum.point)")
    }
}
