import Dispatch
import Foundation
import Logging
import QuimbiResilience

/// A small pool of hiredis connections behind a circuit breaker.
///
/// Each connection lives on its own serial `DispatchQueue`. After a failure the breaker opens and
/// calls fail fast (no connection attempts, one log line) until a back-off delay has passed; the
/// next call then probes Redis again, and on success the breaker closes.
public final class RedisPool: Sendable {
    private let slots: SlotQueue<RedisSlot>
    private let breaker: CircuitBreaker<ContinuousClock>
    private let logger: Logger

    /// Creates a pool for `url` (`redis://host:port/db`, `unix:///path`, `redis+unix:///path?db=N`).
    public init(
        url: String, size: Int = 2, timeout: Duration = .milliseconds(250),
        backoff: ClosedRange<Duration> = .milliseconds(200)...(.seconds(10)),
        logger: Logger = Logger(label: "quimbi.redis")
    ) throws(StoreError) {
        let endpoint = try RedisEndpoint(url: url)
        _ = Self.ignoreBrokenPipes
        self.slots = SlotQueue((0..<max(1, size)).map { RedisSlot(endpoint: endpoint, timeout: timeout, index: $0) })
        self.breaker = CircuitBreaker(
            CircuitBreakerSettings(failureThreshold: 1, cooldown: backoff.lowerBound, maximumCooldown: backoff.upperBound))
        self.logger = logger
    }

    /// hiredis writes with plain `write(2)`: without this, a Redis that dies mid-write kills the process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Sends `commands` as one pipeline. Throws `redis_unavailable` (transient) while Redis is down.
    func pipeline(_ commands: [[String]]) async throws(StoreError) -> [RedisReply] {
        if case .rejected = breaker.admit() { throw .redisUnavailable("circuit open") }
        guard let slot = try? await slots.take() else {
            breaker.abandon()
            throw .redisUnavailable("cancelled while waiting for a connection")
        }
        defer { slots.give(slot) }
        do {
            let replies = try await slot.pipeline(commands)
            if breaker.recordSuccess() == .closed { logger.info("redis reachable again") }
            return replies
        } catch {
            if breaker.recordFailure(error) == .opened { logger.warning("redis unavailable, serving without cache: \(error)") }
            throw error
        }
    }

    /// Values of `keys` in one MGET (`nil` for missing keys).
    public func mget(_ keys: [String]) async throws(StoreError) -> [String?] {
        guard !keys.isEmpty else { return [] }
        let reply = try await pipeline([["MGET"] + keys])
        guard case .array(let values)? = reply.first, values.count == keys.count else {
            throw StoreError(code: "redis_bad_reply", message: "unexpected MGET reply", isTransient: true)
        }
        return values.map(\.stringValue)
    }

    /// Stores every entry with its time to live, in one pipeline of `SET key value EX ttl`.
    public func setEx(_ entries: [(key: String, value: String, ttl: Duration)]) async throws(StoreError) {
        guard !entries.isEmpty else { return }
        let commands = entries.map { ["SET", $0.key, $0.value, "EX", String(max(1, $0.ttl.components.seconds))] }
        for reply in try await pipeline(commands) {
            if case .error(let detail) = reply {
                throw StoreError(code: "redis_command_failed", message: detail, isTransient: false)
            }
        }
    }
}

/// One Redis connection and the serial queue that owns it.
private final class RedisSlot: @unchecked Sendable {
    // Only touched on `queue`.
    private let connection: RedisConnection
    private let queue: DispatchQueue

    init(endpoint: RedisEndpoint, timeout: Duration, index: Int) {
        connection = RedisConnection(endpoint: endpoint, timeout: timeout)
        queue = DispatchQueue(label: "quimbi.redis.connection.\(index)")
    }

    func pipeline(_ commands: [[String]]) async throws(StoreError) -> [RedisReply] {
        let result: Result<[RedisReply], StoreError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(StoreError) in try self.connection.pipeline(commands) })
            }
        }
        return try result.get()
    }
}
