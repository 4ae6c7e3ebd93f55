import ArgumentParser
import Logging
import QuimbiMetrics
import ServiceLifecycle

/// `--metrics-port`: where a consumer-group command serves `/metrics`, `/healthz` and `/readyz`.
struct MetricsPortOptions: ParsableArguments {
    @Option(help: "Serve /metrics (Prometheus), /healthz and /readyz (brokers reachable) on this port (QUIMBI_METRICS_PORT); off when unset.")
    var metricsPort: Int?

    private var servedPort: Int? { metricsPort ?? EnvironmentDefaults.int("QUIMBI_METRICS_PORT") }

    func validate() throws {
        if let port = servedPort, !(1...65_535).contains(port) { throw ValidationError("--metrics-port must be 1…65535") }
    }

    /// The server of `registry`, ready while the brokers of `bootstrapServers` answer and every one of `readiness`
    /// passes; `nil` when no port is set.
    func server(
        registry: MetricsRegistry, bootstrapServers: String, readiness: [any ReadinessCheck], logger: Logger
    ) -> ServiceGroupConfiguration.ServiceConfiguration? {
        servedPort.map { port in
            let checks = [BrokerReachability(bootstrapServers: bootstrapServers)] + readiness
            return .init(service: MetricsServer(registry: registry, readiness: checks, port: port, logger: logger))
        }
    }
}
