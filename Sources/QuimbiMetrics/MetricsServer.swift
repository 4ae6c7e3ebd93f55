import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves `GET /metrics` (Prometheus text) of a ``MetricsRegistry`` on its own port, for the worker's
/// `--metrics-port`. Run it in the worker's `ServiceGroup` next to the `TicketWorker`.
public struct MetricsServer: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    /// A server for `registry` listening on `host`:`port`.
    public init(registry: MetricsRegistry, host: String = "0.0.0.0", port: Int, logger: Logger) {
        let router = Router()
        router.get("/metrics") { _, _ in MetricsResponse.make(registry) }
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
