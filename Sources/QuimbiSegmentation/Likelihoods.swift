import Foundation

/// The summed BG/NBD log-likelihood of many customers and its gradient, arranged for speed:
/// identical histories are merged and weighted, every term that depends on x alone (the log-gammas
/// and their digamma derivatives) is computed once per distinct x, and large inputs are summed on
/// all cores. Per history this leaves two logarithms and a log-sum-exp.
struct BGNBDLikelihood: Sendable {
    private let xIndex: [Int32]
    private let distinctX: [Double]
    /// Customers per distinct x.
    private let weightOfX: [Double]
    private let tx: [Double]
    private let age: [Double]
    private let weight: [Double]

    init(_ features: [CustomerFeatures]) {
        var groups: [History: Double] = [:]
        for feature in features {
            groups[History(x: feature.repeatPurchases, tx: feature.recency, age: feature.age), default: 0] += 1
        }
        let distinct = Array(Set(groups.keys.map(\.x))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, Int32($0.offset)) })
        let histories = groups.sorted { ($0.key.x, $0.key.tx, $0.key.age) < ($1.key.x, $1.key.tx, $1.key.age) }
        xIndex = histories.map { position[$0.key.x]! }
        distinctX = distinct.map(Double.init)
        tx = histories.map(\.key.tx)
        age = histories.map(\.key.age)
        weight = histories.map(\.value)
        var weightOfX = [Double](repeating: 0, count: distinct.count)
        for (index, history) in histories.enumerated() { weightOfX[Int(xIndex[index])] += history.value }
        self.weightOfX = weightOfX
    }

    /// Σ count × ln L(r, α, a, b | x, t_x, T), and its gradient with respect to the log-parameters
    /// (ln r, ln α, ln a, ln b).
    ///
    /// Per history ln L = C(x) + ln(A₁ + [x > 0] A₂) with C(x) = ln Γ(r+x) − ln Γ(r) + r ln α
    /// + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x), ln A₁ = −(r+x) ln(α+T) and
    /// ln A₂ = ln a − ln(b+x−1) − (r+x) ln(α+t_x). The derivative of the log-sum is the
    /// shares-weighted mean of the two logs' derivatives; ∂/∂ln θ = θ ∂/∂θ.
    func logLikelihoodWithGradient(_ m: BGNBDModel) -> (value: Double, gradient: SIMD4<Double>) {
        let logAlpha = log(m.alpha)
        let (psiR, psiB, psiAB) = (SpecialFunctions.digamma(m.r), SpecialFunctions.digamma(m.b), SpecialFunctions.digamma(m.a + m.b))
        let base = -lgamma(m.r) + m.r * logAlpha + lgamma(m.a + m.b) - lgamma(m.b)
        let constants = distinctX.indices.reduce(Sums.zero) { sum, k in
            let x = distinctX[k]
            let psiABX = SpecialFunctions.digamma(m.a + m.b + x)
            let value = base + lgamma(m.r + x) + lgamma(m.b + x) - lgamma(m.a + m.b + x)
            let slope = SIMD4(
                m.r * (SpecialFunctions.digamma(m.r + x) - psiR + logAlpha),
                m.r,
                m.a * (psiAB - psiABX),
                m.b * (psiAB - psiB + SpecialFunctions.digamma(m.b + x) - psiABX))
            return sum + Sums(value: weightOfX[k] * value, gradient: weightOfX[k] * slope)
        }
        // ln(a / (b+x−1)) and its derivative in ln b, for x > 0.
        let dropout = distinctX.map { x in x > 0 ? log(m.a) - log(m.b + x - 1) : -Double.infinity }
        let dropoutSlopeB = distinctX.map { x in x > 0 ? -m.b / (m.b + x - 1) : 0 }
        // Per history: the log-sum and the shares-weighted (ln(α+·), (r+x)/(α+·), 1, slope in ln b) of A₂.
        let histories = ParallelChunks.sum(count: weight.count) { range in
            var total = Sums.zero
            for i in range {
                let k = Int(xIndex[i])
                let power = m.r + distinctX[k]
                let logAge = log(m.alpha + age[i])
                if distinctX[k] > 0 {
                    let logRecency = log(m.alpha + tx[i])
                    let (term, alive) = SpecialFunctions.logSumExp(-power * logAge, dropout[k] - power * logRecency)
                    let dropped = 1 - alive
                    total += Sums(value: weight[i] * term, gradient: weight[i] * SIMD4(
                        alive * logAge + dropped * logRecency,
                        power * (alive / (m.alpha + age[i]) + dropped / (m.alpha + tx[i])),
                        dropped,
                        dropped * dropoutSlopeB[k]))
                } else {
                    total += Sums(value: -weight[i] * power * logAge, gradient: weight[i] * SIMD4(logAge, power / (m.alpha + age[i]), 0, 0))
                }
            }
            return total
        }
        let sum = constants.value + histories.value
        return (sum, constants.gradient + SIMD4(-m.r, -m.alpha, 1, 1) * histories.gradient)
    }

    private struct History: Hashable {
        var x: Int
        var tx: Double
        var age: Double
    }

    /// A log-likelihood with its gradient, summed over histories.
    private struct Sums: AdditiveArithmetic, Sendable {
        var value: Double
        var gradient: SIMD4<Double>

        static let zero = Sums(value: 0, gradient: .zero)
        static func + (lhs: Sums, rhs: Sums) -> Sums { Sums(value: lhs.value + rhs.value, gradient: lhs.gradient + rhs.gradient) }
        static func - (lhs: Sums, rhs: Sums) -> Sums { Sums(value: lhs.value - rhs.value, gradient: lhs.gradient - rhs.gradient) }
    }
}

/// The summed Gamma-Gamma log-likelihood of the repeat customers, with the log-gammas computed
/// once per distinct number of repeat transactions.
struct GammaGammaLikelihood: Sendable {
    private let xIndex: [Int32]
    private let distinctX: [Double]
    private let meanSpend: [Double]
    private let logMeanSpend: [Double]

    /// Only customers with repeat transactions of positive mean value count.
    init(_ features: [CustomerFeatures]) {
        let repeaters = features.filter { $0.repeatPurchases > 0 && $0.meanRepeatSpend > 0 }
        let distinct = Array(Set(repeaters.map(\.repeatPurchases))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, Int32($0.offset)) })
        xIndex = repeaters.map { position[$0.repeatPurchases]! }
        distinctX = distinct.map(Double.init)
        meanSpend = repeaters.map(\.meanRepeatSpend)
        logMeanSpend = meanSpend.map { log($0) }
    }

    var isEmpty: Bool { meanSpend.isEmpty }

    /// Σ ln L(p, q, γ | x, m̄) up to a term free of the parameters.
    func logLikelihood(_ m: GammaGammaModel) -> Double {
        let constant = distinctX.map { x in
            lgamma(m.p * x + m.q) - lgamma(m.p * x) - lgamma(m.q) + m.q * log(m.gamma) + m.p * x * log(x)
        }
        return ParallelChunks.sum(count: meanSpend.count) { range in
            var total = 0.0
            for i in range {
                let x = Int(xIndex[i])
                let px = m.p * distinctX[x]
                total += constant[x] + (px - 1) * logMeanSpend[i] - (px + m.q) * log(m.gamma + meanSpend[i] * distinctX[x])
            }
            return total
        }
    }
}
