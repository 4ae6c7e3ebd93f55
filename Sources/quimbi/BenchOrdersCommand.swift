import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiShopify

/// `quimbi bench-orders`: order lookups per second through ``ShopifyOrderSource`` against a shop
/// (normally `quimbi-fake-shopify`, a test tool run beside it), at each requested concurrency.
struct BenchOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-orders",
        abstract: "Measure Shopify order lookups per second; prints one JSON object per concurrency.",
        discussion: """
            Against a local fake: `quimbi-fake-shopify --latency-ms 20` (built by `make fake-shopify`) prints its URL; \
            then `QUIMBI_SHOPIFY_TOKEN=shpat_test quimbi bench-orders --shopify-url URL`.
            """)

    @OptionGroup(title: "Shopify (a store, or the URL of quimbi-fake-shopify)")
    var shopify: ShopifyOptions

    @Option(name: .customLong("fake-outage-status"), help: "After the warm-up, make quimbi-fake-shopify answer every request with this HTTP status (e.g. 503), through its control route.")
    var fakeOutageStatus: Int?

    @Option(name: .customLong("customers"), help: "Distinct customers looked up (ids from 1000000, as the fake holds them).")
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
        guard customers > 0, seconds > 0, limit > 0, cacheTTLMilliseconds >= 0 else {
            throw ValidationError("--customers, --seconds and --limit must be positive; the TTL not negative")
        }
        guard fakeOutageStatus.map({ (400...599).contains($0) }) ?? true else {
            throw ValidationError("--fake-outage-status \(fakeOutageStatus ?? 0) is not an HTTP error status")
        }
        guard concurrency.allSatisfy({ (1...4096).contains($0) }) else {
            throw ValidationError("--concurrency \(concurrency) must be within 1...4096")
        }
    }

    func run() async throws {
        guard let configuration = try shopify.configuration(cacheTTL: .milliseconds(cacheTTLMilliseconds)) else {
            throw ValidationError("name a shop: --shopify-store, or --shopify-url (e.g. the URL quimbi-fake-shopify prints)")
        }
        let fake = FakeShopifyControls(baseURL: configuration.baseURL)
        for workers in concurrency {
            let source = ShopifyOrderSource(configuration: configuration)
            // One lookup first, so the cost bucket learns the shop's real limits.
            _ = try await source.recentOrders(for: reference(0), limit: limit)
            if let fakeOutageStatus { try await fake.setOutage(status: fakeOutageStatus) }
            let result = try await measure(source, workers: workers, fake: fake)
            try await source.shutdown()
            if fakeOutageStatus != nil { try await fake.setOutage(status: nil) }
            print(result)
        }
    }

    private func reference(_ index: Int) -> CustomerReference {
        CustomerReference(customerID: "\(1_000_000 + index % customers)", email: nil)
    }

    /// One run; `throttled_answers` counts the fake's `THROTTLED` answers (null for a real shop).
    private func measure(_ source: ShopifyOrderSource, workers: Int, fake: FakeShopifyControls) async throws -> String {
        let throttledBefore = await fake.throttledCount()
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
        let throttled = await fake.throttledCount().flatMap { after in throttledBefore.map { after - $0 } }
        return """
            {"concurrency":\(workers),\
            "seconds":\(String(format: "%.2f", elapsedSeconds)),"lookups":\(tallies.lookups),"errors":\(tallies.errors),\
            "orders_read":\(tallies.orders),"lookups_per_second":\(Int(perSecond)),"cache_ttl_ms":\(cacheTTLMilliseconds),\
            "throttled_answers":\(throttled.map(String.init) ?? "null")}
            """
    }
}
