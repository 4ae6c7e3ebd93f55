import Foundation
import QuimbiCore

/// A small deterministic generator (SplitMix64) with the distributions the store generator needs.
struct RandomSource {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(state: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 {
        generator.next()
    }

    /// Uniform in (0, 1).
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) / Double(1 << 53)
    }

    mutating func int(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func normal() -> Double {
        sqrt(-2 * log(uniform())) * cos(2 * .pi * uniform())
    }

    mutating func exponential(rate: Double) -> Double {
        -log(uniform()) / rate
    }

    /// Gamma(shape, rate) by Marsaglia and Tsang.
    mutating func gamma(shape: Double, rate: Double) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1, rate: rate) * pow(uniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / sqrt(9 * d)
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v / rate }
        }
    }

    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a, rate: 1)
        return x / (x + gamma(shape: b, rate: 1))
    }
}
