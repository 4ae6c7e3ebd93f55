/// How a back-off is randomised, so that clients that failed together do not retry together.
public enum Jitter: Sendable, Equatable {
    /// The back-off as computed.
    case none
    /// The back-off times a factor drawn uniformly from the range (`0.5...1.0`, `0.8...1.2`).
    case proportional(ClosedRange<Double>)
    /// Uniform between zero and the back-off ("full jitter").
    case full

    /// `backoff` randomised with `random`.
    public func apply(to backoff: Duration, random: RandomSource) -> Duration {
        switch self {
        case .none: backoff
        case .proportional(let range): backoff * (range.lowerBound + random.next() * (range.upperBound - range.lowerBound))
        case .full: backoff * random.next()
        }
    }
}

/// Uniform random numbers in `0 ..< 1`; injected so that tests get repeatable back-offs.
public struct RandomSource: Sendable {
    private let generate: @Sendable () -> Double

    /// A source that calls `generate`, which must return values in `0 ..< 1`.
    public init(_ generate: @escaping @Sendable () -> Double) {
        self.generate = generate
    }

    /// The next number.
    public func next() -> Double {
        min(max(generate(), 0), 1)
    }

    /// The system's random number generator.
    public static let system = RandomSource { Double.random(in: 0..<1) }
}
