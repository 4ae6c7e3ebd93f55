import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QuimbiKafka
import QuimbiMetrics
import QuimbiOutcomes
import QuimbiServer
import QuimbiSupport
import ServiceLifecycle

/// `quimbi serve`: the HTTP API (customer lookups for agents and tools, webhook ingress, health, metrics).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API: customer lookups, archetypes, ticket webhooks, /healthz, /readyz, /metrics.",
        discussion: "API keys: QUIMBI_API_KEYS (plain, development) or QUIMBI_API_KEY_SHA256 (hex SHA-256, production). Webhook secret: QUIMBI_WEBHOOK_SECRET. Helpdesk webhooks, each served when its secret is set: QUIMBI_ZENDESK_WEBHOOK_SECRET (POST /webhooks/zendesk), QUIMBI_FRESHDESK_WEBHOOK_SECRET and QUIMBI_FRESHDESK_DOMAIN (POST /webhooks/freshdesk), QUIMBI_GORGIAS_WEBHOOK_SECRET and QUIMBI_GORGIAS_DOMAIN (POST /webhooks/gorgias), QUIMBI_CHATWOOT_WEBHOOK_SECRET (POST /webhooks/chatwoot). Dashboard (/dashboard, needs --postgres): sign in with an API key; sessions are signed with QUIMBI_DASHBOARD_SECRET (at least 32 characters; a random key per process when unset, so sessions end at a restart and replicas do not share them)."
    )

    @Option(help: "Address to listen on (QUIMBI_HOST).")
    var host: String = EnvironmentDefaults.string("QUIMBI_HOST", default: "127.0.0.1")

    @Option(help: "Port to listen on (QUIMBI_PORT).")
    var port: Int = EnvironmentDefaults.int("QUIMBI_PORT", default: 8080)

    @Option(help: "Requests per second allowed per API key (QUIMBI_RATE_LIMIT).")
    var rateLimit: Int = EnvironmentDefaults.int("QUIMBI_RATE_LIMIT", default: 50)

    @Option(help: "Burst of requests allowed per API key (QUIMBI_RATE_BURST).")
    var rateBurst: Int = EnvironmentDefaults.int("QUIMBI_RATE_BURST", default: 100)

    @Option(help: "Dashboard sign-in attempts per second, across all clients, in bursts of up to 10 (QUIMBI_LOGIN_RATE).")
    var loginRate: Int = EnvironmentDefaults.int("QUIMBI_LOGIN_RATE", default: 1)

    @Flag(help: "Mark the dashboard's session cookie Secure, sent over HTTPS only: set it when clients reach the server through TLS (QUIMBI_DASHBOARD_SECURE_COOKIE).")
    var secureCookie: Bool = EnvironmentDefaults.bool("QUIMBI_DASHBOARD_SECURE_COOKIE")

    @Option(help: "Seconds a retention or churn report is served again before it is rebuilt (QUIMBI_REPORT_CACHE_S); 0 rebuilds every time.")
    var reportCacheSeconds: Int = EnvironmentDefaults.int("QUIMBI_REPORT_CACHE_S", default: 60)

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var data: CustomerDataOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1…65535") }
        guard rateLimit > 0, rateBurst > 0, loginRate > 0 else { throw ValidationError("--rate-limit, --rate-burst and --login-rate must be positive") }
        guard (0...86_400).contains(reportCacheSeconds) else { throw ValidationError("--report-cache-seconds must be 0…86400") }
        guard let secret = EnvironmentDefaults.string("QUIMBI_WEBHOOK_SECRET"), !secret.isEmpty else {
            throw ValidationError("QUIMBI_WEBHOOK_SECRET must be set")
        }
        if let secret = EnvironmentDefaults.string("QUIMBI_DASHBOARD_SECRET"), secret.utf8.count < 32 {
            throw ValidationError("QUIMBI_DASHBOARD_SECRET must have at least 32 characters")
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
        let reports = sources.postgres.map { pool in
            CachedReports(
                retention: StoredRetentionReports(pool: pool),
                churn: StoredChurnReports(pool: pool, mediumFrom: SupportPolicy.default.mediumChurnFrom, highFrom: SupportPolicy.default.highChurnFrom),
                ttl: .seconds(reportCacheSeconds), clock: ContinuousClock())
        }
        let api = QuimbiAPI(
            dependencies: ServerDependencies(
                profiles: sources.profiles, orders: sources.orders, archetypes: sources.archetypes,
                publisher: KafkaTicketPublisher(producer: producer, topic: kafka.ticketsTopic),
                readiness: [BrokerReachability(bootstrapServers: connection.bootstrapServers)] + sources.readiness,
                metrics: registry, reports: reports, churnReports: reports),
            settings: ServerSettings(
                apiKeys: keys, webhook: WebhookSignature(secret: EnvironmentDefaults.string("QUIMBI_WEBHOOK_SECRET") ?? ""),
                helpdeskWebhooks: HelpdeskWebhooks.fromEnvironment(),
                rateLimitPerSecond: Double(rateLimit), rateLimitBurst: rateBurst,
                dashboard: DashboardSettings(secret: EnvironmentDefaults.string("QUIMBI_DASHBOARD_SECRET").map { Array($0.utf8) },
                    secureCookie: secureCookie, loginAttemptsPerSecond: Double(loginRate))))
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
