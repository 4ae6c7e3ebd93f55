import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QuimbiKafka
import QuimbiMetrics
import QuimbiOutcomes
import QuimbiServer
import ServiceLifecycle

/// `quimbi serve`: the HTTP API (customer lookups for agents and tools, webhook ingress, health, metrics).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API: customer lookups, archetypes, ticket webhooks, /healthz, /readyz, /metrics.",
        discussion: "API keys: QUIMBI_API_KEYS (plain, development) or QUIMBI_API_KEY_SHA256 (hex SHA-256, production). Webhook secret: QUIMBI_WEBHOOK_SECRET. Helpdesk webhooks, each served when its secret is set: QUIMBI_ZENDESK_WEBHOOK_SECRET (POST /webhooks/zendesk), QUIMBI_FRESHDESK_WEBHOOK_SECRET and QUIMBI_FRESHDESK_DOMAIN (POST /webhooks/freshdesk), QUIMBI_GORGIAS_WEBHOOK_SECRET and QUIMBI_GORGIAS_DOMAIN (POST /webhooks/gorgias), QUIMBI_CHATWOOT_WEBHOOK_SECRET (POST /webhooks/chatwoot)."
    )

    @Option(help: "Address to listen on (QUIMBI_HOST).")
    var host: String = EnvironmentDefaults.string("QUIMBI_HOST", default: "127.0.0.1")

    @Option(help: "Port to listen on (QUIMBI_PORT).")
    var port: Int = EnvironmentDefaults.int("QUIMBI_PORT", default: 8080)

    @Option(help: "Requests per second allowed per API key (QUIMBI_RATE_LIMIT).")
    var rateLimit: Int = EnvironmentDefaults.int("QUIMBI_RATE_LIMIT", default: 50)

    @Option(help: "Burst of requests allowed per API key (QUIMBI_RATE_BURST).")
    var rateBurst: Int = EnvironmentDefaults.int("QUIMBI_RATE_BURST", default: 100)

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var data: CustomerDataOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1…65535") }
        guard rateLimit > 0, rateBurst > 0 else { throw ValidationError("--rate-limit and --rate-burst must be positive") }
        guard let secret = EnvironmentDefaults.string("QUIMBI_WEBHOOK_SECRET"), !secret.isEmpty else {
            throw ValidationError("QUIMBI_WEBHOOK_SECRET must be set")
        }
    }

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.serve")
        let keys = try APIKeyStore(environment: EnvironmentDefaults.environment)
        if keys.isEmpty { logger.warning("no API key configured: every /api request is refused (set QUIMBI_API_KEYS or QUIMBI_API_KEY_SHA256)") }
        let sources = try await data.open(logger: logger)
        let connection = kafka.kafka()
        let producer = try KafkaProducer(configuration: ProducerConfiguration(kafka: connection), logger: logger)
        let registry = MetricsRegistry()
        let api = QuimbiAPI(
            dependencies: ServerDependencies(
                profiles: sources.profiles, orders: sources.orders, archetypes: sources.archetypes,
                publisher: KafkaTicketPublisher(producer: producer, topic: kafka.ticketsTopic),
                readiness: [BrokerReachability(bootstrapServers: connection.bootstrapServers)] + sources.readiness,
                metrics: registry, reports: sources.postgres.map { StoredRetentionReports(pool: $0) }),
            settings: ServerSettings(
                apiKeys: keys, webhook: WebhookSignature(secret: EnvironmentDefaults.string("QUIMBI_WEBHOOK_SECRET") ?? ""),
                helpdeskWebhooks: HelpdeskWebhooks.fromEnvironment(),
                rateLimitPerSecond: Double(rateLimit), rateLimitBurst: rateBurst))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: api.application(host: host, port: port, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        services += sources.backgroundServices(registry: registry)
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            await producer.shutdown()
            await sources.shutdown()
            throw error
        }
        await producer.shutdown()
        await sources.shutdown()
    }
}
