import Foundation

/// The difference between two conversion rates with a 95 % confidence interval: Newcombe's hybrid
/// score interval (method 10, from the two Wilson score intervals), which keeps its coverage for small
/// arms and rates near 0 or 1, where the textbook Wald interval does not.
public struct UpliftInterval: Sendable, Equatable, Codable {
    /// Treatment rate minus control rate.
    public var uplift: Double
    public var lower: Double
    public var upper: Double

    /// z for a two-sided 95 % interval.
    static let z = 1.959963984540054

    /// The uplift of `treated` conversions out of `treatedCount` over `controlled` out of `controlCount`;
    /// `nil` when an arm is empty.
    public init?(treated: Int, of treatedCount: Int, controlled: Int, of controlCount: Int) {
        guard treatedCount > 0, controlCount > 0 else { return nil }
        let p1 = Double(treated) / Double(treatedCount)
        let p2 = Double(controlled) / Double(controlCount)
        let (l1, u1) = Self.wilson(successes: treated, trials: treatedCount)
        let (l2, u2) = Self.wilson(successes: controlled, trials: controlCount)
        uplift = p1 - p2
        lower = uplift - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot()
        upper = uplift + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot()
    }

    /// Whether the interval leaves out zero: the offer changed the conversion rate, at 95 %.
    public var isSignificant: Bool { lower > 0 || upper < 0 }

    /// The Wilson score interval of a proportion.
    static func wilson(successes: Int, trials: Int) -> (lower: Double, upper: Double) {
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
