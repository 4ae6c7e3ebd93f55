import QuimbiCore
import QuimbiShopify
import ShopifyFake

/// An in-process fake Shopify holding orders for given customers, and the order source reading it,
/// for benchmarks.
struct FakeShopifyOrders {
    let server: FakeShopifyServer
    let source: ShopifyOrderSource

    /// Starts a fake answering after `latencyMilliseconds` with 5 orders for each numeric id in
    /// `customerIDs`, and a source that reads it without a cache (every lookup is a request).
    static func start(customerIDs: [String], latencyMilliseconds: Int) async throws -> FakeShopifyOrders {
        let server = try await FakeShopifyServer.start(
            customers: FakeShopifyCustomer.generated(ids: customerIDs.compactMap { Int($0) }, ordersEach: 5),
            latencyMilliseconds: Int64(latencyMilliseconds), maximumAvailable: 1_000_000, restoreRate: 1_000_000)
        let configuration = try ShopifyConfiguration(store: nil, url: server.baseURL, token: "shpat_test", cacheTTL: .zero)
        return FakeShopifyOrders(server: server, source: ShopifyOrderSource(configuration: configuration))
    }

    /// Closes the source's connections and the server.
    func stop() async throws {
        try await source.shutdown()
        try await server.stop()
    }
}
