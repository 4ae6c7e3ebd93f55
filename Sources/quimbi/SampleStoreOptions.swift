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
        let store = SampleStoreGenerator.generate(customerCount: customers, seed: UInt64(seed), asOf: asOf)
        let result = try Segmenter().segment(orders: store.orders, asOf: asOf)
        var coPurchases = CoPurchaseCounter()
        for order in store.orders { coPurchases.add(order) }
        let data = InMemoryCustomerData(
            customers: store.customers, orders: store.orders, profiles: result.profiles, archetypes: result.archetypes,
            affinities: coPurchases.affinities())
        MallocTuning.returnFreePages()
        logger.info("sample store ready", metadata: [
            "customers": "\(store.customers.count)", "orders": "\(store.orders.count)",
            "archetypes": "\(result.archetypes.count)", "seconds": "\(clock.now - started)",
        ])
        return data
    }
}
