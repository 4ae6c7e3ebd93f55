import Foundation

/// The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"):
/// transaction values ~ Gamma(p, ν) around a customer's mean, with ν ~ Gamma(q, γ).
public struct GammaGammaModel: Sendable, Hashable, Codable {
    public var p: Double
    public var q: Double
    public var gamma: Double

    public init(p: Double, q: Double, gamma: Double) {
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// Expected value of a future transaction given the history; the population mean for
    /// customers without repeat transactions. Needs q > 1; otherwise the observed mean is used.
    public func expectedSpend(x: Int, meanSpend: Double, fallback: Double) -> Double {
        let px = p * Double(x)
        guard p * Double(max(x, 0)) + q > 1, q > 1 else { return x > 0 ? meanSpend : fallback }
        guard x > 0 else { return p * gamma / (q - 1) }
        return (p * (gamma + Double(x) * meanSpend)) / (px + q - 1)
    }
}
