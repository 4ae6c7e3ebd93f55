import ArgumentParser
import Foundation
import Logging
import QuimbiSupport
import QuimbiWorker
import ServiceLifecycle

/// `quimbi worker`: the production ticket worker.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Consume ticket-created events, enrich and draft them, publish drafts and escalations.",
        discussion: "Runs until SIGTERM or SIGINT, then shuts down gracefully: stop fetching, finish in-flight tickets, flush, commit, close."
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var tuning: WorkerTuningOptions
    @OptionGroup var sampleStore: SampleStoreOptions

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.worker")
        let data = try sampleStore.load(asOf: Date(), logger: logger)
        let processor = TicketProcessor(profiles: data, orders: data, archetypes: data, desk: SupportDesk(), settings: tuning.processing)
        let worker = TicketWorker(
            configuration: tuning.workerConfiguration(kafka: kafka.kafka(), topics: kafka.topics),
            processor: processor, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
