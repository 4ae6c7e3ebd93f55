import Hummingbird

/// The bodies of `/healthz` and `/readyz`, shared by the API and the worker's metrics port.
public enum HealthResponse {
    /// `200 {"status":"ok"}`: the process is up and answering.
    public static func live() throws -> Response {
        try JSONResponse.make(["status": "ok"])
    }

    /// Runs `checks` concurrently: `200 {"status":"ready","checks":{…}}` when every one passes,
    /// `503 {"status":"not_ready",…}` naming each that does not.
    public static func ready(_ checks: [any ReadinessCheck]) async throws -> Response {
        var results: [String: String] = [:]
        await withTaskGroup(of: (String, Bool).self) { group in
            for check in checks { group.addTask { (check.name, await check.isReady()) } }
            for await (name, ready) in group { results[name] = ready ? "ok" : "unavailable" }
        }
        let ready = results.values.allSatisfy { $0 == "ok" }
        return try JSONResponse.make(Readiness(status: ready ? "ready" : "not_ready", checks: results), status: ready ? .ok : .serviceUnavailable)
    }

    private struct Readiness: Encodable {
        var status: String
        var checks: [String: String]
    }
}
