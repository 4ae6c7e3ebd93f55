import Foundation

/// The summed BG/NBD log-likelihood of many customers, arranged for speed: identical histories are
/// merged and weighted, every term that depends on x alone (the log-gammas) is computed once per
/// distinct x, and large inputs are summed on all cores. Per history this leaves two logarithms
/// and a log-sum-exp.
struct BGNBDLikelihood: Sendable {
    private let xIndex: [Int32]
    private let distinctX: [Double]
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
    }

    /// Σ count × ln L(r, α, a, b | x, t_x, T).
    func logLikelihood(_ m: BGNBDModel) -> Double {
        // Terms of x alone: ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b), and ln(a / (b+x−1)).
        let base = -lgamma(m.r) + m.r * log(m.alpha) + lgamma(m.a + m.b) - lgamma(m.b)
        let constant = distinctX.map { x in base + lgamma(m.r + x) + lgamma(m.b + x) - lgamma(m.a + m.b + x) }
        let dropout = distinctX.map { x in x > 0 ? log(m.a) - log(m.b + x - 1) : -Double.infinity }
        return ParallelSum.sum(count: weight.count) { range in
            var total = 0.0
            for i in range {
                let x = Int(xIndex[i])
                let power = m.r + distinctX[x]
                let alive = -power * log(m.alpha + age[i])
                let term = distinctX[x] > 0
                    ? SpecialFunctions.logSumExp(alive, dropout[x] - power * log(m.alpha + tx[i]))
                    : alive
                total += weight[i] * (constant[x] + term)
            }
            return total
        }
    }

    private struct History: Hashable {
        var x: Int
        var tx: Double
        var age: Double
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
        return ParallelSum.sum(count: meanSpend.count) { range in
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
