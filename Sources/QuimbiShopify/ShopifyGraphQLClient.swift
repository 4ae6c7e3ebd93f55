import AsyncHTTPClient
import Foundation
import Logging
import QuimbiCore
import QuimbiResilience

/// Runs GraphQL queries against one shop with cost throttling, retries inside a budget, and a
/// circuit breaker. Safe to share between any number of concurrent lookups.
final class ShopifyGraphQLClient: Sendable {
    private let configuration: ShopifyConfiguration
    private let transport: ShopifyHTTPTransport
    private let throttle = CostThrottle()
    private let breaker: CircuitBreaker<ContinuousClock>
    private let retry: RetryPolicy
    private let logger: Logger

    init(configuration: ShopifyConfiguration, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.transport = ShopifyHTTPTransport(
            client: httpClient, endpoint: configuration.graphQLEndpoint.absoluteString,
            accessToken: configuration.accessToken, requestTimeout: configuration.requestTimeout)
        self.breaker = CircuitBreaker(CircuitBreakerSettings(
            failureThreshold: configuration.breakerFailureThreshold, cooldown: configuration.breakerCooldown))
        self.retry = RetryPolicy(
            maxAttempts: configuration.maxAttempts, initialBackoff: configuration.baseBackoff, jitter: .full)
        self.logger = logger
    }

    /// Whether the circuit breaker currently fails calls fast.
    var isBreakerOpen: Bool {
        breaker.state != .closed
    }

    /// The `data` of `request`, decoded as `Payload`.
    /// - Throws: ``LookupError``: `orders_unavailable`, `shopify_unauthorized`, `shopify_throttled`,
    ///   `shopify_bad_response`, `shopify_rejected` or `orders_cancelled`.
    func run<Payload: Decodable & Sendable>(
        _ request: GraphQLRequest, estimatedCost: Double, as payload: Payload.Type
    ) async throws(LookupError) -> Payload {
        if case .rejected(let retryAfter, let cause) = breaker.admit() {
            throw Self.fastFailure(cause as? LookupError, retryAfter: retryAfter)
        }
        let body: Data
        do { body = try JSONEncoder().encode(request) } catch {
            breaker.abandon()
            throw .shopifyRejected("cannot encode the GraphQL request: \(error)")
        }
        // Waiting (for retries or for the cost bucket) must be over by the end of the retry budget.
        let budgetEnd = ContinuousClock.now + configuration.retryBudget
        var attempts = 0
        do {
            let answer = try await retry.run(until: budgetEnd, clock: ContinuousClock(), decide: Self.decision) { number in
                attempts = number
                return try await exchange(body, estimatedCost: estimatedCost, budgetEnd: budgetEnd, as: payload)
            }
            breaker.recordSuccess()
            return answer
        } catch let failure as RetryableFailure {
            if Task.isCancelled { throw cancelled() }
            let error = failure.finalError
            logger.warning("shopify lookup failed", metadata: ["code": "\(error.code)", "attempts": "\(attempts)"])
            breaker.recordFailure(error)
            throw error
        } catch let error as LookupError {
            switch error.code {
            case "shopify_unauthorized": breaker.trip(error)
            case "orders_cancelled", "shopify_throttled": breaker.abandon()
            case "shopify_bad_response": breaker.recordFailure(error)
            default: breaker.recordSuccess()
            }
            throw error
        } catch {
            breaker.abandon()
            throw .shopifyRejected("unexpected error: \(error)")
        }
    }

    /// Whether and when a failed exchange is tried again: throttling and `Retry-After` set the wait;
    /// other 5xx and transport failures back off; anything else is final.
    private static func decision(_ error: any Error) -> RetryDecision {
        switch error as? RetryableFailure {
        case .throttled(let retryAfter): .wait(retryAfter ?? .zero)
        case .server(_, let retryAfter?): .wait(retryAfter)
        case .server, .transport: .backOff
        case nil: .stop
        }
    }

    /// The error of a call that an open breaker refused: the credentials' rejection as it was,
    /// anything else as `orders_unavailable`.
    private static func fastFailure(_ cause: LookupError?, retryAfter: Duration?) -> LookupError {
        if let cause, cause.code == "shopify_unauthorized" { return cause }
        let last = cause.map { "\($0.code): \($0.message)" } ?? "unknown"
        return .ordersUnavailable(
            "Shopify circuit breaker is open after repeated failures (last: \(last))", retryAfter: retryAfter)
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
            if Task.isCancelled { throw cancelled() }
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
            do { try await Task.sleep(for: min(wait, Self.throttlePollInterval)) } catch { throw cancelled() }
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

    private func cancelled() -> LookupError {
        breaker.abandon()
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
