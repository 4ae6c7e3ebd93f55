import ArgumentParser
import QuimbiKafka
import QuimbiMetrics
import QuimbiOutcomes
import QuimbiStore
import ServiceLifecycle

/// `quimbi outcomes`: what retention offers buy — decisions recorded, then measured against the holdout.
struct OutcomesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Record the worker's decisions and report what retention offers bought.",
        subcommands: [OutcomesRecordCommand.self, OutcomesReportCommand.self],
        defaultSubcommand: OutcomesRecordCommand.self)
}

/// `quimbi outcomes record`: records every decision of the drafts topic in PostgreSQL.
struct OutcomesRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record every decision of the drafts topic in PostgreSQL (table retention_decisions, idempotent on the draft's event id).",
        discussion: "Run `quimbi migrate` first. Offsets are committed only once the decisions are written; while PostgreSQL is down the recorder retries and waits.")

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var store: StoreConnectionOptions
    @OptionGroup var metrics: MetricsPortOptions

    @Option(help: "Consumer group of the recorder replicas (QUIMBI_OUTCOMES_GROUP).")
    var group: String = EnvironmentDefaults.string("QUIMBI_OUTCOMES_GROUP", default: "quimbi-outcomes")

    func validate() throws {
        guard !group.isEmpty else { throw ValidationError("--group must not be empty") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.outcomes")
        let pool = PostgresPool(url: try store.postgresURL(), size: 2, logger: logger)
        let connection = kafka.kafka()
        let consumer = ConsumerConfiguration(kafka: connection, groupID: group, topics: [kafka.draftsTopic])
        let registry = MetricsRegistry()
        let recorder = DecisionRecorder(
            configuration: DecisionRecorderConfiguration(consumer: consumer), repository: DecisionRepository(pool: pool), logger: logger,
            metrics: registry.factory)
        var configurations: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: recorder, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        // Ready while the brokers and PostgreSQL answer: decisions wait for PostgreSQL, so without it nothing moves.
        if let server = metrics.server(
            registry: registry, bootstrapServers: connection.bootstrapServers,
            readiness: [ReadinessProbe(name: "postgres") { try await pool.ping() }], logger: logger)
        {
            configurations.append(server)
        }
        let services = ServiceGroup(configuration: .init(services: configurations, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await services.run()
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }
}
