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

    @Option(help: "Serve /metrics (Prometheus), /healthz and /readyz (brokers reachable) on this port (QUIMBI_METRICS_PORT); off when unset.")
    var metricsPort: Int?

    private var servedMetricsPort: Int? { metricsPort ?? EnvironmentDefaults.int("QUIMBI_METRICS_PORT") }

    func validate() throws {
        if let metricsPort = servedMetricsPort, !(1...65_535).contains(metricsPort) { throw ValidationError("--metrics-port must be 1…65535") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.worker")
        let resources = try support.makeDesk(logger: logger)
        let desk = resources.desk
        let sources = try await data.open(logger: logger)
        let registry = MetricsRegistry()
        let metrics = WorkerMetrics(registry: registry)
        let processor = TicketProcessor(
            profiles: metrics.metered(profiles: sources.profiles), orders: metrics.metered(orders: sources.orders),
            archetypes: metrics.metered(archetypes: sources.archetypes), recommendations: sources.recommendations, desk: desk,
            settings: tuning.processing)
        let connection = kafka.kafka()
        var configuration = tuning.workerConfiguration(kafka: connection, topics: kafka.topics)
        configuration.consumer.lagReporter = { metrics.recordLag($0) }
        let worker = TicketWorker(
            configuration: configuration,
            processor: processor, logger: logger, observer: metrics)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let metricsPort = servedMetricsPort {
            // Ready while the brokers answer and no failure is stopping the worker: a dead store only degrades
            // drafts, it does not stop the worker.
            let status = worker.status
            let readiness: [any ReadinessCheck] = [
                BrokerReachability(bootstrapServers: connection.bootstrapServers),
                ReadinessProbe(name: "worker") { if let failure = status.failure { throw failure } },
            ]
            services.append(.init(service: MetricsServer(registry: registry, readiness: readiness, port: metricsPort, logger: logger)))
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
