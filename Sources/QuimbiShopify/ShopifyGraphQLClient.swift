import AsyncHTTPClient
import Foundation
import Logging
import QuimbiCore

/// Runs GraphQL queries against one shop with cost throttling, retries inside a budget, and a
/// circuit breaker. Safe to share between any number of concurrent lookups.
final class ShopifyGraphQLClient: Sendable {
    private let configuration: ShopifyConfiguration
    private let transport: ShopifyHTTPTransport
    private let throttle = CostThrottle()
    private let breaker: CircuitBreaker
    private let logger: Logger

    init(configuration: ShopifyConfiguration, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.transport = ShopifyHTTPTransport(
            client: httpClient, endpoint: configuration.graphQLEndpoint.absoluteString,
            accessToken: configuration.accessToken, requestTimeout: configuration.requestTimeout)
        self.breaker = CircuitBreaker(
            threshold: configuration.breakerFailureThreshold, cooldown: configuration.breakerCooldown)
        self.logger = logger
    }

    /// Whether the circuit breaker currently fails calls fast.
    var isBreakerOpen: Bool {
        get async { await breaker.isOpen }
    }

    /// The `data` of `request`, decoded as `Payload`.
    /// - Throws: ``LookupError``: `orders_unavailable`, `shopify_unauthorized`, `shopify_throttled`,
    ///   `shopify_bad_response`, `shopify_rejected` or `orders_cancelled`.
    func run<Payload: Decodable & Sendable>(
        _ request: GraphQLRequest, estimatedCost: Double, as payload: Payload.Type
    ) async throws(LookupError) -> Payload {
        try await breaker.admit()
        let body: Data
        do { body = try JSONEncoder().encode(request) } catch {
            await breaker.abandon()
            throw .shopifyRejected("cannot encode the GraphQL request: \(error)")
        }
        var attempt = Attempt(configuration: configuration)
        while true {
            do {
                let payload = try await exchange(body, estimatedCost: estimatedCost, budgetEnd: attempt.budgetEnd, as: payload)
                await breaker.recordSuccess()
                return payload
            } catch let failure as RetryableFailure {
                guard let wait = attempt.nextWait(after: failure) else {
                    let error = failure.finalError
                    logger.warning("shopify lookup failed", metadata: ["code": "\(error.code)", "attempts": "\(attempt.number)"])
                    await breaker.recordFailure(error)
                    throw error
                }
                logger.debug("shopify retry", metadata: ["reason": "\(failure.reason)", "wait_ms": "\(wait.nanoseconds / 1_000_000)"])
                do { try await Task.sleep(for: wait) } catch { throw await cancelled() }
            } catch let error as LookupError {
                switch error.code {
                case "shopify_unauthorized": await breaker.recordUnauthorized(error)
                case "orders_cancelled", "shopify_throttled": await breaker.abandon()
                case "shopify_bad_response": await breaker.recordFailure(error)
                default: await breaker.recordSuccess()
                }
                throw error
            } catch {
                await breaker.abandon()
                throw .shopifyRejected("unexpected error: \(error)")
            }
        }
    }

    /// One throttled HTTP exchange, classified.
    private func exchange<Payload: Decodable & Sendable>(
        _ body: Data, estimatedCost: Double, budgetEnd: ContinuousClock.Instant, as payload: Payload.Type
    ) async throws -> Payload {
        try await takeFromBucket(estimatedCost, budgetEnd: budgetEnd)
        let answer: ShopifyHTTPAnswer
        do {
            answer = try await transport.post(body)
        } catch {
            await throttle.release(estimatedCost)
            if Task.isCancelled { throw await cancelled() }
            throw RetryableFailure.transport("\(error)")
        }
        switch answer.status {
        case 200:
            return try await decode(answer, estimatedCost: estimatedCost, as: payload)
        case 401, 403:
            throw LookupError.shopifyUnauthorized(status: answer.status)
        case 429:
            await throttle.release(estimatedCost)
            throw RetryableFailure.throttled(retryAfter: answer.retryAfter ?? .seconds(1))
        case 500...599:
            await throttle.release(estimatedCost)
            throw RetryableFailure.server(status: answer.status, retryAfter: answer.retryAfter)
        default:
            throw LookupError.shopifyRejected("Shopify answered HTTP \(answer.status)")
        }
    }

    /// Waits, in short slices, until the cost bucket pays `cost`; fails with `shopify_throttled`
    /// when the wait would end after `budgetEnd`.
    private func takeFromBucket(_ cost: Double, budgetEnd: ContinuousClock.Instant) async throws {
        while let wait = await throttle.take(cost) {
            guard ContinuousClock.now + wait <= budgetEnd else { throw LookupError.shopifyThrottled(retryAfter: wait) }
            do { try await Task.sleep(for: min(wait, Self.throttlePollInterval)) } catch { throw await cancelled() }
        }
    }

    /// How often a lookup waiting for the cost bucket looks again.
    private static let throttlePollInterval: Duration = .milliseconds(20)

    private func decode<Payload: Decodable & Sendable>(
        _ answer: ShopifyHTTPAnswer, estimatedCost: Double, as payload: Payload.Type
    ) async throws -> Payload {
        let envelope: GraphQLEnvelope<Payload>
        do {
            envelope = try JSONDecoder().decode(GraphQLEnvelope<Payload>.self, from: Data(answer.body.readableBytesView))
        } catch {
            throw LookupError.shopifyBadResponse("Shopify's answer is not the expected GraphQL JSON: \(error)")
        }
        let errors = envelope.errors ?? []
        if errors.contains(where: \.isThrottled) {
            await throttle.release(estimatedCost)
        }
        if let cost = envelope.extensions?.cost {
            await throttle.observe(cost, estimate: estimatedCost)
        }
        if errors.contains(where: \.isThrottled) {
            throw RetryableFailure.throttled(retryAfter: nil)
        }
        if let first = errors.first {
            throw LookupError.shopifyRejected("GraphQL error: \(first.message.prefix(200))")
        }
        guard let data = envelope.data else {
            throw LookupError.shopifyBadResponse("Shopify's answer has neither data nor errors")
        }
        return data
    }

    private func cancelled() async -> LookupError {
        await breaker.abandon()
        return .ordersCancelled
    }
}

/// A failure worth another attempt.
private enum RetryableFailure: Error {
    /// No answer: connection refused or reset, connect or read timeout.
    case transport(String)
    /// HTTP 429 or a `THROTTLED` GraphQL error; `nil` leaves the wait to the cost bucket.
    case throttled(retryAfter: Duration?)
    /// HTTP 5xx.
    case server(status: Int, retryAfter: Duration?)

    var reason: String {
        switch self {
        case .transport(let detail): "transport: \(detail)"
        case .throttled: "throttled"
        case .server(let status, _): "HTTP \(status)"
        }
    }

    /// The error thrown when no attempt is left.
    var finalError: LookupError {
        switch self {
        case .throttled(let retryAfter): .shopifyThrottled(retryAfter: retryAfter)
        case .transport(let detail): .ordersUnavailable("Shopify unreachable: \(detail.prefix(200))")
        case .server(let status, let retryAfter): .ordersUnavailable("Shopify answered HTTP \(status)", retryAfter: retryAfter)
        }
    }
}

/// Counts attempts, picks the wait before the next one, and ends retrying at the budget's end.
private struct Attempt {
    let configuration: ShopifyConfiguration
    /// When waiting (for retries or for the cost bucket) must be over: start + retry budget.
    let budgetEnd: ContinuousClock.Instant
    private(set) var number = 1

    init(configuration: ShopifyConfiguration) {
        self.configuration = configuration
        self.budgetEnd = .now + configuration.retryBudget
    }

    /// The wait before the next attempt, or `nil` when attempts or the retry budget are spent.
    mutating func nextWait(after failure: RetryableFailure) -> Duration? {
        guard number < configuration.maxAttempts else { return nil }
        let wait: Duration
        switch failure {
        case .throttled(let retryAfter): wait = retryAfter ?? .zero
        case .server(_, let retryAfter?): wait = retryAfter
        case .server, .transport: wait = jitteredBackoff()
        }
        guard ContinuousClock.now + wait <= budgetEnd else { return nil }
        number += 1
        return wait
    }

    /// Full jitter: uniform in `0 ... baseBackoff × 2^(attempt − 1)`.
    private func jitteredBackoff() -> Duration {
        let ceiling = configuration.baseBackoff.secondsValue * Double(1 << min(number - 1, 10))
        return .milliseconds(Int64(Double.random(in: 0...ceiling) * 1000))
    }
}
