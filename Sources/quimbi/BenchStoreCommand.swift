import ArgumentParser
import Foundation
import QuimbiCore
import QuimbiStore

/// `quimbi bench-store`: profile lookups per second for batches of 1, 16 and 128, cold and warm cache.
///
/// Writes `--customers` synthetic profiles under a fresh segmentation run (a new cache generation,
/// so the first pass is cold), then prints one JSON object per measurement.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store", abstract: "Measure profile lookups per second through Redis and PostgreSQL.")

    @OptionGroup var store: StoreConnectionOptions

    @Option(help: "Synthetic customers to write and look up.")
    var customers = 4_096

    func run() async throws {
        let pool = PostgresPool(url: try store.postgresURL(), size: 4)
        let redis = try RedisPool(url: try store.redisURL(), size: 4)
        try await Migrator(pool: pool).migrate()
        let ids = (0..<customers).map { "bench-\($0)" }
        let now = Date()
        let profiles = ids.map {
            CustomerProfile(customerID: $0, archetypeID: "arch_000000", lifetimeValue: 100, totalOrders: 2,
                            avgOrderValue: 50, firstPurchaseAt: now.addingTimeInterval(-86_400 * 400),
                            lastPurchaseAt: now.addingTimeInterval(-86_400 * 30), churnRiskScore: 0.5)
        }
        for batchSize in [1, 16, 128] {
            try await SegmentationWriter(pool: pool).write(
                profiles: profiles, archetypes: [], run: SegmentationRun(startedAt: now, finishedAt: now))
            let repository = ProfileRepository(pool: pool, redis: redis)
            for phase in ["cold", "warm"] {
                let clock = ContinuousClock()
                let elapsed = try await clock.measure {
                    var start = 0
                    while start < ids.count {
                        let batch = ids[start..<min(start + batchSize, ids.count)].map { ProfileKey.id($0) }
                        _ = try await repository.profiles(for: batch)
                        start += batchSize
                    }
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let line: [String: String] = [
                    "batch": String(batchSize), "cache": phase, "lookups": String(ids.count),
                    "lookups_per_second": String(format: "%.0f", Double(ids.count) / seconds),
                ]
                let data = try JSONSerialization.data(withJSONObject: line, options: .sortedKeys)
                print(String(decoding: data, as: UTF8.self))
            }
        }
        await pool.close()
    }
}
