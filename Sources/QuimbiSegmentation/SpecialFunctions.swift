import Foundation

/// Numerical special functions the models need.
enum SpecialFunctions {
    /// ln(e^x + e^y) without overflow, with the share e^x / (e^x + e^y) of the first term (the
    /// derivative of the log-sum with respect to x). A non-finite maximum is returned as the sum
    /// with a NaN share.
    static func logSumExp(_ x: Double, _ y: Double) -> (value: Double, firstShare: Double) {
        let high = max(x, y)
        guard high.isFinite else { return (high, .nan) }
        let first = exp(x - high)
        let sum = first + exp(y - high)
        return (high + log(sum), first / sum)
    }

    /// The digamma function ψ(x) = d ln Γ(x) / dx for x > 0 (−∞ at 0, NaN below): the recurrence
    /// ψ(x) = ψ(x + 1) − 1/x up to x ≥ 12, then the asymptotic series (absolute error below 1e-14).
    static func digamma(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        var x = x
        var shift = 0.0
        while x < 12 {
            shift -= 1 / x
            x += 1
        }
        let inverseSquare = 1 / (x * x)
        let series = inverseSquare * (1.0 / 12 - inverseSquare * (1.0 / 120 - inverseSquare * (1.0 / 252
            - inverseSquare * (1.0 / 240 - inverseSquare * (1.0 / 132)))))
        return shift + log(x) - 0.5 / x - series
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
