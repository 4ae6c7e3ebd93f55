import Foundation
import QuimbiCore
import Testing
@testable import QuimbiShopify

@Suite("Shopify configuration and building blocks")
struct ShopifyUnitTests {
    @Test("a store domain becomes the https endpoint at the pinned version")
    func endpointFromStore() throws {
        let configuration = try ShopifyConfiguration(store: "thread-shop.myshopify.com", token: "shpat_x", apiVersion: "2025-04", environment: [:])
        #expect(configuration.graphQLEndpoint.absoluteString == "https://thread-shop.myshopify.com/admin/api/2025-04/graphql.json")
    }

    @Test("the token falls back to QUIMBI_SHOPIFY_TOKEN")
    func tokenFromEnvironment() throws {
        let configuration = try ShopifyConfiguration(store: "a.myshopify.com", token: nil, environment: ["QUIMBI_SHOPIFY_TOKEN": "shpat_env"])
        #expect(configuration.accessToken == "shpat_env")
    }

    @Test("bad values are rejected with an error that names them", arguments: [
        ("shopify_bad_store", "not a shop!", nil, "shpat", "2025-07", 5, "not a shop!"),
        ("shopify_missing_store", nil, nil, "shpat", "2025-07", 5, "store"),
        ("shopify_bad_url", nil, "ftp://x", "shpat", "2025-07", 5, "ftp://x"),
        ("shopify_missing_token", "a.myshopify.com", nil, nil, "2025-07", 5, "QUIMBI_SHOPIFY_TOKEN"),
        ("shopify_bad_api_version", "a.myshopify.com", nil, "shpat", "2025-13", 5, "2025-13"),
        ("shopify_bad_limit", "a.myshopify.com", nil, "shpat", "2025-07", 251, "page size 251"),
    ] as [(String, String?, String?, String?, String, Int, String)])
    func rejected(code: String, store: String?, url: String?, token: String?, version: String, pageSize: Int, named: String) {
        #expect {
            _ = try ShopifyConfiguration(store: store, url: url, token: token, apiVersion: version, environment: [:], pageSize: pageSize)
        } throws: { error in
            guard let error = error as? ShopifyConfigurationError else { return false }
            return error.code == code && error.message.contains(named)
        }
    }

    @Test("Retry-After is read as seconds or as an HTTP date; junk is ignored")
    func retryAfter() {
        #expect(ShopifyHTTPTransport.parseRetryAfter("2") == .seconds(2))
        #expect(ShopifyHTTPTransport.parseRetryAfter("0.5") == .milliseconds(500))
        #expect(ShopifyHTTPTransport.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == .zero)
        #expect(ShopifyHTTPTransport.parseRetryAfter("soon") == nil)
    }

    @Test("the cost bucket pays while it holds enough, then names the wait, and adopts Shopify's status")
    func costThrottle() async {
        let throttle = CostThrottle(capacity: 100, restoreRate: 10)
        #expect(await throttle.take(60) == nil)
        let wait = await throttle.take(60)
        #expect(wait.map { $0 > .seconds(1) && $0 <= .seconds(2) } == true)
        await throttle.observe(
            QueryCost(requestedQueryCost: 60, actualQueryCost: 10,
                      throttleStatus: ThrottleStatus(maximumAvailable: 1000, currentlyAvailable: 5, restoreRate: 50)),
            estimate: 60)
        #expect(await throttle.currentlyAvailable < 10)
        let bigWait = await throttle.take(1000)
        #expect(bigWait.map { $0 > .seconds(19) } == true)
        await throttle.release(1000)
        #expect(await throttle.take(2000) == nil)
    }

    @Test("e-mail searches are quoted and escaped; bare ids become customer GIDs")
    func queryBuilding() {
        #expect(ShopifyQueries.emailSearch("a\"b@x.com") == "email:\"a\\\"b@x.com\"")
        #expect(ShopifyQueries.customerGID("12") == "gid://shopify/Customer/12")
        #expect(ShopifyQueries.customerGID("gid://shopify/Customer/12") == "gid://shopify/Customer/12")
        #expect(ShopifyOrderMapping.legacyID("gid://shopify/Order/99") == "99")
    }

    @Test("variant titles are kept; Shopify's \"Default Title\" of a product without options is no variant")
    func variantTitles() {
        #expect(ShopifyOrderMapping.variant("Cream") == "Cream")
        #expect(ShopifyOrderMapping.variant("Default Title") == nil && ShopifyOrderMapping.variant("") == nil)
        let item = LineItem(title: "Cotton Thread 50wt", variant: ShopifyOrderMapping.variant("Cream"), quantity: 2, unitPrice: 4.5)
        #expect(item.displayName == "Cotton Thread 50wt — Cream")
    }

    @Test("the cache answers only requests it holds enough orders for, and forgets after its TTL")
    func cache() async throws {
        let cache = InMemoryOrdersCache(maxEntries: 2)
        let order = Order(id: "1", customerID: "c", createdAt: Date(timeIntervalSince1970: 0), total: 1)
        await cache.store(CachedOrders(orders: [order], isComplete: false), for: "a", ttl: .seconds(60))
        #expect(await cache.cachedOrders(for: "a")?.answer(limit: 1) == [order])
        #expect(await cache.cachedOrders(for: "a")?.answer(limit: 2) == nil)
        #expect(CachedOrders(orders: [order], isComplete: true).answer(limit: 5) == [order])
        await cache.store(CachedOrders(orders: [], isComplete: true), for: "b", ttl: .milliseconds(1))
        await cache.store(CachedOrders(orders: [], isComplete: true), for: "c", ttl: .seconds(60))
        #expect(await cache.count == 2)
        try await Task.sleep(for: .milliseconds(20))
        #expect(await cache.cachedOrders(for: "b") == nil)
    }
}
