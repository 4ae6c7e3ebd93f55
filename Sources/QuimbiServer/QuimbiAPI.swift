import Foundation
import Hummingbird
import Logging
import QuimbiHelpdesk
import QuimbiMetrics

/// The Quimbi HTTP API: routes, authentication, rate limit, webhook ingress, health and metrics.
public struct QuimbiAPI: Sendable {
    private let dependencies: ServerDependencies
    private let settings: ServerSettings

    /// An API over `dependencies` with `settings`.
    public init(dependencies: ServerDependencies, settings: ServerSettings) {
        self.dependencies = dependencies
        self.settings = settings
    }

    /// The router serving every endpoint of `Schemas/api/openapi.yaml`.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: HTTPMetricsMiddleware(factory: dependencies.metrics.factory))
        router.add(middleware: MethodNotAllowedMiddleware(routes: Self.documentedRoutes))
        let lookups = LookupRoutes(dependencies: dependencies, recentOrderLimit: settings.recentOrderLimit)
        let recent = RecentEventIDs(capacity: settings.dedupCapacity)
        let webhook = route(QuimbiIntake(signature: settings.webhook), recent: recent)
        let readiness: [any ReadinessCheck] = dependencies.readiness.map {
            CachedReadiness($0, ttl: settings.readinessTTL, timeout: settings.readinessTimeout, clock: ContinuousClock())
        }
        let metrics = dependencies.metrics
        let reports = ReportRoutes(reports: dependencies.reports, churnReports: dependencies.churnReports)
        let dashboard = DashboardRoutes(reports: reports, keys: settings.apiKeys, settings: settings.dashboard)

        router.get("/healthz") { _, _ in try HealthResponse.live() }
        router.get("/readyz") { _, _ in try await HealthResponse.ready(readiness) }
        router.get("/metrics") { _, _ in MetricsResponse.make(metrics) }
        router.post("/webhooks/tickets") { request, _ in await Self.answer { () throws(APIError) in try await webhook.handle(request) } }
        for helpdesk in settings.helpdeskWebhooks {
            let route = route(HelpdeskIntake(webhook: helpdesk), recent: recent)
            router.post("/webhooks/\(helpdesk.system.rawValue)") { request, _ in
                await Self.answer { () throws(APIError) in try await route.handle(request) }
            }
        }
        let configured = Set(settings.helpdeskWebhooks.map(\.system))
        for system in HelpdeskSystem.allCases where !configured.contains(system) {
            let notConfigured = APIError(code: "helpdesk_not_configured", message: "the \(system.rawValue) webhook is not configured here", status: .notFound)
            router.post("/webhooks/\(system.rawValue)") { _, _ in notConfigured.response() }
        }

        router.group("/api")
            .add(middleware: APIKeyMiddleware(keys: settings.apiKeys, limiter: RateLimiter(perSecond: settings.rateLimitPerSecond, burst: settings.rateLimitBurst)))
            .get("/mcp/customer/:customer_id") { _, context in
                let id = Self.identifier("customer_id", in: context)
                return await Self.answer { () throws(APIError) in try await lookups.customer(id) }
            }
            .get("/archetypes/:archetype_id") { _, context in
                let id = Self.identifier("archetype_id", in: context)
                return await Self.answer { () throws(APIError) in try await lookups.archetype(id) }
            }
            .get("/customers/:customer_id/context") { _, context in
                let id = Self.identifier("customer_id", in: context)
                return await Self.answer { () throws(APIError) in try await lookups.context(id) }
            }
            .get("/reports/retention") { request, _ in
                await Self.answer { () throws(APIError) in try await reports.retention(request) }
            }
            .get("/reports/churn") { request, _ in
                await Self.answer { () throws(APIError) in try await reports.churn(request) }
            }
        dashboard.add(to: router)
        return router
    }

    /// Every documented path with its methods (a helpdesk's webhook path whether or not it is
    /// configured: unconfigured, it answers 404).
    static let documentedRoutes: [RouteMethods] = [
        RouteMethods("/healthz", .get), RouteMethods("/readyz", .get), RouteMethods("/metrics", .get),
        RouteMethods("/webhooks/tickets", .post),
        RouteMethods("/api/mcp/customer/:customer_id", .get), RouteMethods("/api/archetypes/:archetype_id", .get),
        RouteMethods("/api/customers/:customer_id/context", .get), RouteMethods("/api/reports/retention", .get),
        RouteMethods("/api/reports/churn", .get),
    ] + DashboardRoutes.routes + HelpdeskSystem.allCases.map { RouteMethods("/webhooks/\($0.rawValue)", .post) }

    /// A webhook route reading tickets through `intake`; every route shares one memory of recent event ids.
    private func route(_ intake: any WebhookIntake, recent: RecentEventIDs) -> WebhookRoute {
        WebhookRoute(publisher: dependencies.publisher, intake: intake, maxBytes: settings.maxWebhookBytes, recent: recent)
    }

    /// An application listening on `host`:`port`.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "quimbi"), logger: logger)
    }

    /// A path parameter as the client meant it: percent-escapes decoded (`c%40shop` is `c@shop`); an
    /// undecodable one is empty, which the identifier rules refuse.
    private static func identifier(_ name: String, in context: BasicRequestContext) -> String {
        context.parameters.get(name).flatMap(\.removingPercentEncoding) ?? ""
    }

    private static func answer(_ body: () async throws(APIError) -> Response) async -> Response {
        do { return try await body() } catch { return error.response() }
    }
}
