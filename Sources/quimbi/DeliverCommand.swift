import ArgumentParser
import AsyncHTTPClient
import Foundation
import QuimbiHelpdesk
import QuimbiKafka
import QuimbiMetrics
import QuimbiStore
import QuimbiWorker
import ServiceLifecycle

/// `quimbi deliver`: drafts and escalations → internal notes in the helpdesk each ticket came from.
struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Write each draft and escalation as an internal note into the helpdesk its ticket came from.",
        discussion: """
            A consumer group on the drafts and escalations topics. Drafts of tickets from no configured helpdesk are \
            skipped and counted. 429 and 5xx are retried with back-off up to --retry-bound-s; 401, 403, 404 and other \
            refusals go to the dead-letter topic with a code. Each helpdesk has its own note slots and backlog: one that \
            is down never holds up another's notes. A draft is never posted twice: with --postgres its delivery is recorded \
            in delivered_notes (run quimbi migrate first), otherwise the ticket's newest notes are read for the note's \
            marker before it is written. Runs until SIGTERM or SIGINT.
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var helpdesks: HelpdeskDeliveryOptions

    @Option(help: "Consumer group of the deliverer replicas (QUIMBI_DELIVER_GROUP).")
    var group: String = EnvironmentDefaults.string("QUIMBI_DELIVER_GROUP", default: "quimbi-deliver")

    @Option(help: "Notes written at the same time into each helpdesk (QUIMBI_DELIVER_CONCURRENCY).")
    var maxConcurrency: Int = EnvironmentDefaults.int("QUIMBI_DELIVER_CONCURRENCY", default: 64)

    @Option(help: "Notes each helpdesk holds at most while it is slow or down; more are dead-lettered (QUIMBI_DELIVER_BACKLOG).")
    var maxBacklog: Int = EnvironmentDefaults.int("QUIMBI_DELIVER_BACKLOG", default: 1_024)

    @Option(help: "PostgreSQL URL recording delivered notes in delivered_notes (QUIMBI_POSTGRES); without it the helpdesks' notes are read for markers.")
    var postgres: String?

    private var postgresURL: String? { postgres ?? EnvironmentDefaults.string("QUIMBI_POSTGRES") }

    @OptionGroup var metrics: MetricsPortOptions


    func validate() throws {
        guard (1...10_000).contains(maxConcurrency) else { throw ValidationError("--max-concurrency must be 1…10000") }
        guard (maxConcurrency...100_000).contains(maxBacklog) else { throw ValidationError("--max-backlog must be --max-concurrency…100000") }
        guard !group.isEmpty else { throw ValidationError("--group must not be empty") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.deliver")
        let connection = kafka.kafka()
        let topics = kafka.topics
        let registry = MetricsRegistry()
        let client = HelpdeskHTTPTransport.makeClient(connections: maxConcurrency)
        let pool = postgresURL.map { PostgresPool(url: $0, size: 4, logger: logger) }
        let log = pool.map(DeliveredNoteRepository.init(pool:))
        do {
            try await log?.verifyTable()
        } catch let error as StoreError where error.isTransient {
            logger.warning("PostgreSQL unreachable at start; the helpdesks' notes decide until it answers", metadata: ["error": "\(error)"])
        }
        let deliverer = NoteDeliverer(
            configuration: DeliveryConfiguration(
                consumer: ConsumerConfiguration(kafka: connection, groupID: group, topics: [topics.drafts, topics.escalations]),
                producer: ProducerConfiguration(kafka: connection), topics: topics, maxConcurrentNotes: maxConcurrency,
                maxQueuedNotes: maxBacklog),
            senders: helpdesks.senders(client: client), log: log, logger: logger, observer: DeliveryMetrics(registry: registry))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: deliverer, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        let status = deliverer.status
        if let server = metrics.server(
            registry: registry, bootstrapServers: connection.bootstrapServers,
            readiness: [ReadinessProbe(name: "deliverer") { if let failure = status.failure { throw failure } }], logger: logger)
        {
            services.append(server)
        }
        let serviceGroup = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await serviceGroup.run()
        } catch {
            try? await client.shutdown()
            await pool?.close()
            throw error
        }
        try await client.shutdown()
        await pool?.close()
    }
}
