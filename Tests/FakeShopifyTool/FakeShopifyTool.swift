import ArgumentParser
import Foundation
import ShopifyFake

/// `quimbi-fake-shopify`: a local server that answers like Shopify's GraphQL Admin API, in a process of
/// its own, for benchmarks (`quimbi bench --shopify-url`, `quimbi bench-orders --shopify-url`). It is a
/// test tool: the shipped `quimbi` binary does not contain it.
@main
struct FakeShopifyTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quimbi-fake-shopify",
        abstract: "Serve a fake Shopify GraphQL Admin API on 127.0.0.1 until stopped; prints {\"url\": …} first.",
        discussion: """
            Control routes: GET /fake/stats ({"requests","throttled"}), PUT /fake/outage?status=503, DELETE /fake/outage.
            Its only access token is --token (give it to quimbi as QUIMBI_SHOPIFY_TOKEN).
            """)

    @Option(help: "Loopback port (0: any free port).")
    var port = 0

    @Option(name: .customLong("latency-ms"), help: "Latency added to every answer.")
    var latencyMilliseconds: Int64 = 0

    @Option(help: "Customers held, with ids from 1000000.")
    var customers = 1000

    @Option(name: .customLong("orders-each"), help: "Orders of each customer.")
    var ordersEach = 6

    @Flag(name: .customLong("any-customer"), help: "Answer any other numeric customer id too, as a generated customer.")
    var anyCustomer = false

    @Option(help: "Enforce a cost bucket of this many points, answering THROTTLED as Shopify does (unlimited by default).")
    var bucket: Double?

    @Option(name: .customLong("restore-rate"), help: "Restore rate of the enforced cost bucket, points/s.")
    var restoreRate: Double = 100

    @Option(name: .customLong("api-version"), help: "The Admin API version served.")
    var apiVersion = "2025-07"

    @Option(help: "The only access token accepted.")
    var token = "shpat_test"

    func validate() throws {
        guard (0...65_535).contains(port), latencyMilliseconds >= 0, customers >= 0, ordersEach >= 0 else {
            throw ValidationError("--port must be 0...65535; latency, customers and orders not negative")
        }
        guard bucket.map({ $0 > 0 }) ?? true, restoreRate > 0 else {
            throw ValidationError("--bucket and --restore-rate must be positive")
        }
    }

    func run() async throws {
        let server = try await FakeShopifyServer.start(
            customers: FakeShopifyCustomer.generated(count: customers, ordersEach: ordersEach), accessToken: token,
            apiVersion: apiVersion, latencyMilliseconds: latencyMilliseconds, maximumAvailable: bucket ?? 1_000_000,
            restoreRate: bucket == nil ? 1_000_000 : restoreRate, enforcesCostLimit: bucket != nil,
            ordersForUnknownCustomers: anyCustomer ? ordersEach : nil, port: port)
        print(#"{"url": "\#(server.baseURL)"}"#)
        fflush(nil)
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(3_600))
        }
    }
}
