import ArgumentParser
import Foundation
import Logging
import QuimbiSegmentation
import QuimbiWorker

/// Flags of the generated sample store that backs the worker when no database is configured.
struct SampleStoreOptions: ParsableArguments {
    @Option(help: "Customers in the generated sample store (QUIMBI_SAMPLE_CUSTOMERS).")
    var customers: Int = EnvironmentDefaults.int("QUIMBI_SAMPLE_CUSTOMERS", default: 27_415)

    @Option(help: "Seed of the generated sample store (QUIMBI_SAMPLE_SEED).")
    var seed: Int = EnvironmentDefaults.int("QUIMBI_SAMPLE_SEED", default: 7)

    func validate() throws {
        guard (1...2_000_000).contains(customers) else { throw ValidationError("--customers must be 1…2000000") }
        guard seed >= 0 else { throw ValidationError("--seed must not be negative") }
    }

    /// Generates the store as of `asOf`, segments it, learns its co-purchase affinities, and indexes it in memory.
    func load(asOf: Date, logger: Logger) throws -> InMemoryCustomerData {
        let clock = ContinuousClock()
        let started = clock.now
        let (data, counts) = try generateAndIndex(asOf: asOf)
        // Only once generation's working data (features, counts, the builder's arrays) is gone: it is free only then.
        if let error = MallocTuning.returnFreePages() {
            logger.warning("could not hand the sample store's working memory back to the system", metadata: ["errno": "\(error)"])
        }
        logger.info("sample store ready", metadata: [
            "customers": "\(counts.customers)", "orders": "\(counts.orders)", "archetypes": "\(counts.archetypes)",
            "seconds": "\(clock.now - started)",
        ])
        return data
    }

    /// Generates the store order by order: each order is folded into the features, the co-purchase counts
    /// and the packed order history as it is made, so the generated orders are never held as `[Order]`.
    private func generateAndIndex(asOf: Date) throws -> (InMemoryCustomerData, (customers: Int, orders: Int, archetypes: Int)) {
        var features = FeatureAccumulator(cutoff: asOf)
        var coPurchases = CoPurchaseCounter()
        var history = PackedOrderHistory.Builder()
        let people = SampleStoreGenerator.generate(customerCount: customers, seed: UInt64(seed), asOf: asOf) { order in
            features.add(order)
            coPurchases.add(order)
            history.add(order)
        }
        let result = try Segmenter().segment(features, asOf: asOf)
        let data = InMemoryCustomerData(
            customers: people, orderHistory: history.build(), profiles: result.profiles, archetypes: result.archetypes,
            affinities: coPurchases.affinities())
        return (data, (people.count, features.ordersRead, result.archetypes.count))
    }
}
