import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiShopify
import ShopifyFake

/// `quimbi bench-orders`: order lookups per second through ``ShopifyOrderSource`` against a shop
/// (normally the in-process fake Shopify), at each requested concurrency.
struct BenchOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-orders",
        abstract: "Measure Shopify order lookups per second; prints one JSON object per concurrency.")

    @OptionGroup(title: "Shopify (without a store or URL, an in-process fake Shopify is started)")
    var shopify: ShopifyOptions

    @Option(name: .customLong("fake-latency-ms"), help: "Latency the fake adds to every answer.")
    var fakeLatencyMilliseconds: Int64 = 0

    @Option(name: .customLong("fake-bucket"), help: "Make the fake enforce a cost bucket of this many points (unlimited by default).")
    var fakeBucket: Double?

    @Option(name: .customLong("fake-restore-rate"), help: "Restore rate of the fake's enforced cost bucket, points/s.")
    var fakeRestoreRate: Double = 100

    @Option(name: .customLong("fake-outage-status"), help: "Make the fake answer every request after the warm-up with this HTTP status (e.g. 503).")
    var fakeOutageStatus: Int?

    @Option(name: .customLong("customers"), help: "Distinct customers looked up (the fake holds this many, ids from 1000000).")
    var customers = 1000

    @Option(name: .customLong("concurrency"), help: "Concurrent lookups; repeat the flag for several runs.")
    var concurrency: [Int] = [1, 64]

    @Option(name: .customLong("seconds"), help: "Duration of each run.")
    var seconds: Double = 5

    @Option(name: .customLong("limit"), help: "Orders asked for per lookup.")
    var limit = 5

    @Option(name: .customLong("cache-ttl-ms"), help: "Orders cache TTL; 0 makes every lookup a request.")
    var cacheTTLMilliseconds: Int64 = 0

    func validate() throws {
        guard customers > 0, seconds > 0, limit > 0, fakeLatencyMilliseconds >= 0, cacheTTLMilliseconds >= 0 else {
            throw ValidationError("--customers, --seconds and --limit must be positive; latency and TTL not negative")
        }
        guard fakeOutageStatus.map({ (400...599).contains($0) }) ?? true else {
            throw ValidationError("--fake-outage-status \(fakeOutageStatus ?? 0) is not an HTTP error status")
        }
        guard fakeBucket.map({ $0 > 0 }) ?? true, fakeRestoreRate > 0 else {
            throw ValidationError("--fake-bucket and --fake-restore-rate must be positive")
        }
        guard concurrency.allSatisfy({ (1...4096).contains($0) }) else {
            throw ValidationError("--concurrency \(concurrency) must be within 1...4096")
        }
    }

    func run() async throws {
        var fake: FakeShopifyServer?
        if !shopify.isConfigured() {
            fake = try await FakeShopifyServer.start(
                customers: FakeShopifyCustomer.generated(count: customers, ordersEach: 6),
                apiVersion: shopify.apiVersion ?? ShopifyConfiguration.defaultAPIVersion,
                latencyMilliseconds: fakeLatencyMilliseconds, maximumAvailable: fakeBucket ?? 1_000_000,
                restoreRate: fakeBucket == nil ? 1_000_000 : fakeRestoreRate, enforcesCostLimit: fakeBucket != nil)
        }
        var environment = ProcessInfo.processInfo.environment
        if fake != nil, shopify.token == nil { environment[ShopifyConfiguration.tokenEnvironmentVariable] = "shpat_test" }
        guard let configuration = try shopify.configuration(
            environment: environment, defaultURL: fake?.baseURL, cacheTTL: .milliseconds(cacheTTLMilliseconds)) else {
            throw ValidationError("no Shopify store or URL")
        }
        for workers in concurrency {
            let source = ShopifyOrderSource(configuration: configuration)
            // One lookup first, so the cost bucket learns the shop's real limits.
            _ = try await source.recentOrders(for: reference(0), limit: limit)
            fake?.setOutage(status: fakeOutageStatus)
            let result = try await measure(source, workers: workers, fake: fake)
            try await source.shutdown()
            fake?.setOutage(status: nil)
            print(result)
        }
        try await fake?.stop()
    }

    private func reference(_ index: Int) -> CustomerReference {
        CustomerReference(customerID: "\(1_000_000 + index % customers)", email: nil)
    }

    /// One run; `throttled_answers` counts the fake's `THROTTLED` answers (null for a real shop).
    private func measure(_ source: ShopifyOrderSource, workers: Int, fake: FakeShopifyServer?) async throws -> String {
        let throttledBefore = fake?.throttledCount ?? 0
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .milliseconds(Int64(seconds * 1000))
        let tallies = try await withThrowingTaskGroup(of: (lookups: Int, errors: Int, orders: Int).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var tally = (lookups: 0, errors: 0, orders: 0)
                    var index = worker
                    while clock.now < end {
                        do {
                            tally.orders += try await source.recentOrders(for: reference(index), limit: limit).count
                            tally.lookups += 1
                        } catch {
                            tally.errors += 1
                        }
                        index += workers
                    }
                    return tally
                }
            }
            return try await group.reduce(into: (lookups: 0, errors: 0, orders: 0)) {
                $0 = (lookups: $0.lookups + $1.lookups, errors: $0.errors + $1.errors, orders: $0.orders + $1.orders)
            }
        }
        let elapsed = start.duration(to: clock.now)
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let perSecond = (Double(tallies.lookups) / elapsedSeconds).rounded()
        return """
            {"concurrency":\(workers),"fake_latency_ms":\(shopify.isConfigured() ? "null" : "\(fakeLatencyMilliseconds)"),\
            "seconds":\(String(format: "%.2f", elapsedSeconds)),"lookups":\(tallies.lookups),"errors":\(tallies.errors),\
            "orders_read":\(tallies.orders),"lookups_per_second":\(Int(perSecond)),"cache_ttl_ms":\(cacheTTLMilliseconds),\
            "throttled_answers":\(fake.map { "\($0.throttledCount - throttledBefore)" } ?? "null")}
            """
    }
}
