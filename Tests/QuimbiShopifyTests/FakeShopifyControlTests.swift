import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QuimbiCore
import ShopifyFake
import Testing
@testable import QuimbiShopify

/// The fake Shopify as `quimbi-fake-shopify` runs it for benchmarks: customers it does not hold, and the
/// control routes that drive it from another process.
@Suite struct FakeShopifyControlTests {
    private func request(_ method: String, _ url: String) async throws -> (status: Int, body: [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    private func source(_ server: FakeShopifyServer) throws -> ShopifyOrderSource {
        ShopifyOrderSource(configuration: try ShopifyConfiguration(
            store: nil, url: server.baseURL, token: "shpat_test", environment: [:], maxAttempts: 1, cacheTTL: .zero))
    }

    @Test func anyNumericCustomerIsAnsweredOnlyWhenAskedFor() async throws {
        let unknown = CustomerReference(customerID: "7415378247935", email: nil)
        let generous = try await FakeShopifyServer.start(customers: [], ordersForUnknownCustomers: 3)
        let strict = try await FakeShopifyServer.start(customers: [])
        let (fromGenerous, fromStrict) = (try source(generous), try source(strict))
        #expect(try await fromGenerous.recentOrders(for: unknown, limit: 5).count == 3)
        #expect(try await fromStrict.recentOrders(for: unknown, limit: 5).isEmpty)
        try await fromGenerous.shutdown()
        try await fromStrict.shutdown()
        try await generous.stop()
        try await strict.stop()
    }

    @Test func controlRoutesReportRequestsAndDriveAnOutage() async throws {
        let server = try await FakeShopifyServer.start(customers: FakeShopifyCustomer.generated(count: 1, ordersEach: 2))
        let orders = try source(server)
        let customer = CustomerReference(customerID: "1000000", email: nil)
        #expect(try await orders.recentOrders(for: customer, limit: 5).count == 2)
        let stats = try await request("GET", server.baseURL + "/fake/stats")
        #expect(stats.status == 200 && stats.body["requests"] as? Int == 1 && stats.body["throttled"] as? Int == 0)

        #expect(try await request("PUT", server.baseURL + "/fake/outage?status=503").status == 200)
        await #expect(throws: LookupError.self) { try await orders.recentOrders(for: customer, limit: 5) }
        #expect(try await request("DELETE", server.baseURL + "/fake/outage").status == 200)
        #expect(try await request("PUT", server.baseURL + "/fake/outage?status=200").status == 400, "an outage needs an error status")
        #expect(try await request("GET", server.baseURL + "/fake/nothing").status == 404)
        try await orders.shutdown()
        try await server.stop()
    }
}
