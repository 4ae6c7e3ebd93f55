import Foundation

/// Numerical special functions the models need.
enum SpecialFunctions {
    /// ln(e^x + e^y) without overflow.
    static func logSumExp(_ x: Double, _ y: Double) -> Double {
        let high = max(x, y)
        guard high.isFinite else { return high }
        return high + log(exp(x - high) + exp(y - high))
    }

    /// The Gaussian hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series,
    /// summed in log space term ratios until the terms stop mattering. Converges for |z| < 1; the
    /// models only evaluate it at z = t / (α + T + t) < 1.
    static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        precondition(z >= 0 && z < 1, "2F1 series needs 0 <= z < 1")
        var term = 1.0
        var sum = 1.0
        var k = 0.0
        while k < 100_000 {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            sum += term
            if abs(term) <= 1e-15 * abs(sum) { break }
            k += 1
        }
        return sum
    }
}
