import Foundation

/// The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting Your Customers the
/// Easy Way"): while alive, a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase
/// he drops out with probability p ~ Beta(a, b).
public struct BGNBDModel: Sendable, Hashable, Codable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// P(alive at the end of observation | history). 1 for customers without repeat purchases.
    public func probabilityAlive(x: Double, tx: Double, age: Double) -> Double {
        guard x > 0 else { return 1 }
        let logRatio = log(a) - log(b + x - 1) + (r + x) * (log(alpha + age) - log(alpha + tx))
        return 1 / (1 + exp(logRatio))
    }

    /// Expected purchases in the next `horizon` time units, given the history.
    public func expectedPurchases(horizon t: Double, x: Double, tx: Double, age: Double) -> Double {
        guard t > 0 else { return 0 }
        let z = t / (alpha + age + t)
        let hyper = SpecialFunctions.hypergeometric2F1(r + x, b + x, a + b + x - 1, z)
        let aLessOne = abs(a - 1) < 1e-9 ? 1e-9 : a - 1
        let numerator = (a + b + x - 1) / aLessOne * (1 - pow((alpha + age) / (alpha + age + t), r + x) * hyper)
        let denominator = x > 0 ? 1 + a / (b + x - 1) * pow((alpha + age) / (alpha + tx), r + x) : 1
        return max(0, numerator / denominator)
    }

    /// P(no purchase in the next `horizon` time units | history): a dropped-out customer never buys,
    /// an alive one with posterior rate Gamma(r + x, α + T) buys nothing with probability
    /// ((α + T) / (α + T + τ))^(r + x) (dropout only happens right after a purchase).
    public func probabilityNoPurchase(horizon: Double, x: Double, tx: Double, age: Double) -> Double {
        let alive = probabilityAlive(x: x, tx: tx, age: age)
        let silentWhileAlive = pow((alpha + age) / (alpha + age + horizon), r + x)
        return (1 - alive) + alive * silentWhileAlive
    }
}
