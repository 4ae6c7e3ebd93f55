/// Feeds work the way the worker's poll loop feeds tickets: one item every `pace`, at most
/// `inFlight` in process at once.
public enum PacedStream {
    /// What happened to one item, timed from its start.
    public struct Timed<Value: Sendable>: Sendable {
        public var startedAt: ContinuousClock.Instant
        public var latency: Duration
        public var value: Value
    }

    /// Runs `work` for items `0 ..< count`; returns the items whose work returned a value (the others are lost).
    public static func run<Value: Sendable>(
        count: Int, inFlight: Int, pace: Duration, _ work: @escaping @Sendable (Int) async -> Value?
    ) async -> [Timed<Value>] {
        await withTaskGroup(of: Timed<Value>?.self) { group in
            var finished: [Timed<Value>] = []
            for index in 0..<count {
                if index >= inFlight, let done = await group.next() { done.map { finished.append($0) } }
                try? await Task.sleep(for: pace)
                group.addTask {
                    let startedAt = ContinuousClock.now
                    guard let value = await work(index) else { return nil }
                    return Timed(startedAt: startedAt, latency: startedAt.duration(to: .now), value: value)
                }
            }
            for await done in group { done.map { finished.append($0) } }
            return finished
        }
    }
}
