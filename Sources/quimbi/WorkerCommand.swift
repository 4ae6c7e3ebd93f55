import ArgumentParser
import Foundation
import Logging
import QuimbiMetrics
import QuimbiSupport
import QuimbiWorker
import ServiceLifecycle

/// `quimbi worker`: the production ticket worker.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Consume ticket-created events, enrich and draft them, publish drafts and escalations.",
        discussion: """
            Runs until SIGTERM or SIGINT, then shuts down gracefully: stop fetching, finish in-flight tickets, flush, \
            commit, close. Customer data comes from --postgres (cached in --redis when given), orders from Shopify when \
            --shopify-store or --shopify-url is given; with neither, from the generated sample store in memory.
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var tuning: WorkerTuningOptions
    @OptionGroup var data: CustomerDataOptions
    @OptionGroup var support: SupportOptions

    @OptionGroup var metrics: MetricsPortOptions

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.worker")
        let resources = try support.makeDesk(logger: logger)
        let desk = resources.desk
        let sources = try await data.open(logger: logger)
        let registry = MetricsRegistry()
        let workerMetrics = WorkerMetrics(registry: registry)
        let processor = TicketProcessor(
            profiles: workerMetrics.metered(profiles: sources.profiles), orders: workerMetrics.metered(orders: sources.orders),
            archetypes: workerMetrics.metered(archetypes: sources.archetypes), recommendations: sources.recommendations, desk: desk,
            settings: tuning.processing)
        let connection = kafka.kafka()
        var configuration = tuning.workerConfiguration(kafka: connection, topics: kafka.topics, lookupsInPostgres: data.looksUpInPostgres)
        configuration.consumer.lagReporter = { workerMetrics.recordLag($0) }
        let worker = TicketWorker(
            configuration: configuration,
            processor: processor, logger: logger, observer: workerMetrics)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        // Ready while the brokers answer and no failure is stopping the worker: a dead store only degrades
        // drafts, it does not stop the worker.
        let status = worker.status
        if let server = metrics.server(
            registry: registry, bootstrapServers: connection.bootstrapServers,
            readiness: [ReadinessProbe(name: "worker") { if let failure = status.failure { throw failure } }], logger: logger)
        {
            services.append(server)
        }
        services += sources.backgroundServices(registry: registry)
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await sources.shutdown()
            try? await resources.shutdown()
            throw error
        }
        await sources.shutdown()
        try await resources.shutdown()
    }
}
