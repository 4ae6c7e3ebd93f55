import QuimbiCore
import QuimbiHelpdesk
import QuimbiMetrics
import QuimbiOutcomes
import QuimbiSupport

/// Everything the HTTP API reads from and writes to.
public struct ServerDependencies: Sendable {
    public var profiles: any ProfileSource
    public var orders: any OrderSource
    public var archetypes: any ArchetypeSource
    public var publisher: any TicketPublishing
    public var readiness: [any ReadinessCheck]
    public var metrics: MetricsRegistry
    public var desk: SupportDesk
    /// Retention reports (`GET /api/reports/retention`); `nil` without PostgreSQL, then the route answers 404.
    public var reports: (any RetentionReporting)?
    /// Churn reports (`GET /api/reports/churn`); `nil` without PostgreSQL, then the route answers 404.
    public var churnReports: (any ChurnReporting)?

    /// Bundles the API's collaborators.
    public init(
        profiles: any ProfileSource, orders: any OrderSource, archetypes: any ArchetypeSource,
        publisher: any TicketPublishing, readiness: [any ReadinessCheck], metrics: MetricsRegistry,
        desk: SupportDesk = SupportDesk(), reports: (any RetentionReporting)? = nil,
        churnReports: (any ChurnReporting)? = nil
    ) {
        self.profiles = profiles
        self.orders = orders
        self.archetypes = archetypes
        self.publisher = publisher
        self.readiness = readiness
        self.metrics = metrics
        self.desk = desk
        self.reports = reports
        self.churnReports = churnReports
    }
}

/// Security and limit settings of the HTTP API.
public struct ServerSettings: Sendable {
    public var apiKeys: APIKeyStore
    public var webhook: WebhookSignature
    /// The helpdesks whose own webhooks are served, each at `POST /webhooks/<system>`; a helpdesk without
    /// its credentials configured gets no route.
    public var helpdeskWebhooks: [any HelpdeskWebhook]
    public var rateLimitPerSecond: Double
    public var rateLimitBurst: Int
    /// Largest accepted webhook body.
    public var maxWebhookBytes: Int
    /// How many recent webhook event ids are remembered for deduplication.
    public var dedupCapacity: Int
    /// Orders shown in the customer context.
    public var recentOrderLimit: Int
    /// How long a `/readyz` answer is reused: the endpoint needs no key, so its probes of the stores must not
    /// run once per request.
    public var readinessTTL: Duration
    /// Longest a `/readyz` probe may take; past it the dependency counts as unavailable.
    public var readinessTimeout: Duration
    /// Sessions of the manager dashboard at `/dashboard`.
    public var dashboard: DashboardSettings

    /// Settings with the documented defaults: 50 req/s per key (burst 100), 256 KiB bodies, 100 000 ids.
    public init(
        apiKeys: APIKeyStore, webhook: WebhookSignature, helpdeskWebhooks: [any HelpdeskWebhook] = [], rateLimitPerSecond: Double = 50, rateLimitBurst: Int = 100,
        maxWebhookBytes: Int = 256 * 1024, dedupCapacity: Int = 100_000, recentOrderLimit: Int = 5,
        readinessTTL: Duration = .seconds(1), readinessTimeout: Duration = .seconds(1), dashboard: DashboardSettings = DashboardSettings()
    ) {
        self.apiKeys = apiKeys
        self.webhook = webhook
        self.helpdeskWebhooks = helpdeskWebhooks
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        self.maxWebhookBytes = maxWebhookBytes
        self.dedupCapacity = dedupCapacity
        self.recentOrderLimit = recentOrderLimit
        self.readinessTTL = readinessTTL
        self.readinessTimeout = readinessTimeout
        self.dashboard = dashboard
    }
}
