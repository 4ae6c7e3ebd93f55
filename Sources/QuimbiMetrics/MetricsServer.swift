import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves `GET /metrics` (Prometheus text) of a ``MetricsRegistry`` on its own port, for the worker's
/// `--metrics-port`, with `GET /healthz` (the process answers) and `GET /readyz` (every readiness check
/// passes) for probes. Run it in the worker's `ServiceGroup` next to the `TicketWorker`.
public struct MetricsServer: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    /// A server for `registry` listening on `host`:`port`; `/readyz` runs `readiness`.
    public init(registry: MetricsRegistry, readiness: [any ReadinessCheck], host: String = "0.0.0.0", port: Int, logger: Logger) {
        let router = Router()
        router.get("/metrics") { _, _ in MetricsResponse.make(registry) }
        router.get("/healthz") { _, _ in try HealthResponse.live() }
        router.get("/readyz") { _, _ in try await HealthResponse.ready(readiness) }
        application = Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger)
    }

    public func run() async throws {
        try await application.runService()
    }
}

/// The HTTP response carrying a registry's exposition.
public enum MetricsResponse {
    /// `200 text/plain; version=0.0.4` with the current figures.
    public static func make(_ registry: MetricsRegistry) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.exposition())))
    }
}
