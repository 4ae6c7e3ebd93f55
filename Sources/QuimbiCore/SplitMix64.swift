/// SplitMix64 (Steele, Lea and Flood, 2014): a small deterministic generator, and its finaliser as a
/// 64-bit mixing function. The sample store, the retention holdout's buckets and the tests' simulations
/// all draw from this one implementation.
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose first draw is `mix(state + 0x9E37_79B9_7F4A_7C15)`.
    public init(state: UInt64) {
        self.state = state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in 0..<`bound`.
    public mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// SplitMix64's finaliser: spreads every input bit over the whole output.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
