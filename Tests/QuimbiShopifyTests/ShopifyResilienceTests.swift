import Foundation
import QuimbiCore
import ShopifyFake
import Testing
@testable import QuimbiShopify

@Suite("Shopify failures and degradation")
struct ShopifyResilienceTests {
    @Test("a THROTTLED answer is retried once the bucket allows, and its status is adopted")
    func throttledThenSuccess() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.throttled(currentlyAvailable: 1000, restoreRate: 100))
        let orders = try await fixture.source.recentOrders(for: seedReference, limit: 3)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(orders.count == 3)
        #expect(requests == 2)
    }

    @Test("a THROTTLED answer whose refill would outlast the retry budget fails without retrying")
    func throttledBeyondBudget() async throws {
        let fixture = try await ShopifyFixture.start(retryBudget: .seconds(1))
        fixture.server.enqueue(.throttled(currentlyAvailable: 0, restoreRate: 1))
        let error = await fixture.lookupError(seedReference)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(error?.code == "shopify_throttled")
        #expect(error?.isTransient == true)
        #expect(requests == 1)
    }

    @Test("concurrent lookups share one cost bucket and never overdraw Shopify's")
    func sharedBucket() async throws {
        let customers = FakeShopifyCustomer.generated(count: 24, ordersEach: 2)
        let server = try await FakeShopifyServer.start(
            customers: customers, maximumAvailable: 1000, restoreRate: 2000, enforcesCostLimit: true)
        let source = ShopifyOrderSource(configuration: try ShopifyConfiguration(
            store: nil, url: server.baseURL, token: "shpat_test", environment: [:], cacheTTL: .zero))
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for customer in customers {
                group.addTask {
                    try await source.recentOrders(for: CustomerReference(customerID: "\(customer.id)", email: nil), limit: 5).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let throttled = server.throttledCount
        try await source.shutdown()
        try await server.stop()
        #expect(counts == Array(repeating: 2, count: 24))
        #expect(throttled == 0)
    }

    @Test("HTTP 429 is retried after Retry-After")
    func tooManyRequests() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.status(429, retryAfter: "0.05"))
        let orders = try await fixture.source.recentOrders(for: seedReference, limit: 3)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(orders.count == 3)
        #expect(requests == 2)
    }

    @Test("a Retry-After longer than the retry budget fails at once with the server's wait")
    func tooManyRequestsBeyondBudget() async throws {
        let fixture = try await ShopifyFixture.start(retryBudget: .seconds(1))
        fixture.server.enqueue(.status(429, retryAfter: "60"))
        let error = await fixture.lookupError(seedReference)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(error?.code == "shopify_throttled")
        #expect(error?.retryAfter == .seconds(60))
        #expect(requests == 1)
    }

    @Test("5xx answers are retried with back-off until one succeeds")
    func serverErrorsThenSuccess() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.status(500), .status(502))
        let orders = try await fixture.source.recentOrders(for: seedReference, limit: 3)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(orders.count == 3)
        #expect(requests == 3)
    }

    @Test("5xx on every attempt gives orders_unavailable after exactly maxAttempts requests")
    func serverErrorsExhaustAttempts() async throws {
        let fixture = try await ShopifyFixture.start(maxAttempts: 3)
        fixture.server.enqueue(.status(503), .status(503), .status(503), .status(503))
        let error = await fixture.lookupError(seedReference)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(error?.code == "orders_unavailable")
        #expect(error?.isTransient == true)
        #expect(requests == 3)
    }

    @Test("an expired token gives shopify_unauthorized after one request, and later calls send none")
    func unauthorized() async throws {
        let fixture = try await ShopifyFixture.start(token: "shpat_expired")
        let first = await fixture.lookupError(seedReference)
        let second = await fixture.lookupError(CustomerReference(customerID: "42", email: nil))
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(first?.code == "shopify_unauthorized")
        #expect(first?.isTransient == false)
        #expect(second?.code == "shopify_unauthorized")
        #expect(requests == 1)
    }

    @Test("a 403 is also a non-transient shopify_unauthorized")
    func forbidden() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.status(403))
        let error = await fixture.lookupError(seedReference)
        try await fixture.stop()
        #expect(error?.code == "shopify_unauthorized")
        #expect(error?.isTransient == false)
    }

    @Test("malformed JSON is a shopify_bad_response and not retried")
    func malformedJSON() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.malformedJSON)
        let error = await fixture.lookupError(seedReference)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(error?.code == "shopify_bad_response")
        #expect(requests == 1)
    }

    @Test("an answer slower than the request timeout counts as unavailable")
    func readTimeout() async throws {
        let fixture = try await ShopifyFixture.start(maxAttempts: 1, requestTimeout: .milliseconds(200))
        fixture.server.enqueue(.delay(milliseconds: 3000))
        let error = await fixture.lookupError(seedReference)
        try await fixture.stop()
        #expect(error?.code == "orders_unavailable")
    }

    @Test("cancelling the caller at its deadline ends a slow lookup with orders_cancelled")
    func cancelledAtDeadline() async throws {
        let fixture = try await ShopifyFixture.start()
        fixture.server.enqueue(.delay(milliseconds: 10_000))
        let lookup = Task { await fixture.lookupError(seedReference) }
        while fixture.server.requestCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
        lookup.cancel()
        let error = await lookup.value
        try await fixture.stop()
        #expect(error?.code == "orders_cancelled")
    }

    @Test("an unreachable shop gives orders_unavailable")
    func unreachable() async throws {
        let closed = try await FakeShopifyServer.start(customers: [])
        try await closed.stop()
        let configuration = try ShopifyConfiguration(
            store: nil, url: closed.baseURL, token: "shpat_test", environment: [:], maxAttempts: 2, baseBackoff: .milliseconds(1))
        let source = ShopifyOrderSource(configuration: configuration)
        var caught: LookupError?
        do { _ = try await source.recentOrders(for: seedReference, limit: 3) } catch { caught = error as? LookupError }
        try await source.shutdown()
        #expect(caught?.code == "orders_unavailable")
        #expect(caught?.isTransient == true)
    }

    @Test("the breaker opens after repeated failures, fails fast, and recovers through one half-open probe")
    func circuitBreaker() async throws {
        let fixture = try await ShopifyFixture.start(maxAttempts: 1, breakerThreshold: 2, breakerCooldown: .milliseconds(300))
        fixture.server.enqueue(.status(503), .status(503))
        let failures = [await fixture.lookupError(seedReference), await fixture.lookupError(seedReference)]
        let fastFailure = await fixture.lookupError(seedReference)
        let requestsWhileOpen = fixture.server.requestCount
        let openBeforeCooldown = await fixture.source.isCircuitOpen
        try await Task.sleep(for: .milliseconds(400))
        let recovered = try await fixture.source.recentOrders(for: seedReference, limit: 3)
        let openAfterProbe = await fixture.source.isCircuitOpen
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(failures.map { $0?.code } == ["orders_unavailable", "orders_unavailable"])
        #expect(fastFailure?.code == "orders_unavailable")
        #expect(fastFailure?.isTransient == true)
        #expect(requestsWhileOpen == 2)
        #expect(openBeforeCooldown)
        #expect(recovered.count == 3)
        #expect(!openAfterProbe)
        #expect(requests == 3)
    }

    @Test("a failed half-open probe opens the breaker again")
    func failedProbe() async throws {
        let fixture = try await ShopifyFixture.start(maxAttempts: 1, breakerThreshold: 1, breakerCooldown: .milliseconds(200))
        fixture.server.enqueue(.status(500), .status(500))
        _ = await fixture.lookupError(seedReference)
        try await Task.sleep(for: .milliseconds(300))
        let probe = await fixture.lookupError(seedReference)
        let afterProbe = await fixture.lookupError(seedReference)
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(probe?.code == "orders_unavailable")
        #expect(afterProbe?.code == "orders_unavailable")
        #expect(requests == 2)
    }
}

@Suite("Shopify outage")
struct ShopifyOutageTests {
    @Test("during an outage only the lookups before the breaker opens reach Shopify")
    func outageFailsFast() async throws {
        let fixture = try await ShopifyFixture.start(maxAttempts: 2, breakerThreshold: 3)
        fixture.server.setOutage(status: 503)
        var codes: [String?] = []
        for id in 0..<20 {
            codes.append(await fixture.lookupError(CustomerReference(customerID: "\(id)", email: nil))?.code)
        }
        let requests = fixture.server.requestCount
        try await fixture.stop()
        #expect(codes == Array(repeating: "orders_unavailable", count: 20))
        #expect(requests == 6)
    }
}

@Suite("Shopify answers of the wrong shape")
struct ShopifyBadAnswerTests {
    @Test("an unknown API version path (HTTP 404) is a non-transient shopify_rejected, sent once")
    func wrongVersion() async throws {
        let server = try await FakeShopifyServer.start(customers: [seedCustomer], apiVersion: "2025-01")
        let source = ShopifyOrderSource(configuration: try ShopifyConfiguration(
            store: nil, url: server.baseURL, token: "shpat_test", apiVersion: "2025-07", environment: [:]))
        var caught: LookupError?
        do { _ = try await source.recentOrders(for: seedReference, limit: 3) } catch { caught = error as? LookupError }
        let requests = server.requestCount
        try await source.shutdown()
        try await server.stop()
        #expect(caught?.code == "shopify_rejected")
        #expect(caught?.isTransient == false)
        #expect(requests == 1)
    }
}
