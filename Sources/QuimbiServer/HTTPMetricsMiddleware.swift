import CoreMetrics
import Hummingbird

/// Counts requests and times them per route template and status:
/// `quimbi_http_requests_total{route,method,status}` and `quimbi_http_request_duration_seconds{route,method}`.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let method = request.method.rawValue
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status.code
        } catch let error as any HTTPResponseError {
            record(context, method: method, status: error.status.code, started: started)
            throw error
        } catch {
            record(context, method: method, status: 500, started: started)
            throw error
        }
        record(context, method: method, status: status, started: started)
        return response
    }

    private func record(_ context: Context, method: String, status: Int, started: ContinuousClock.Instant) {
        let route = context.endpointPath ?? "unmatched"
        Counter(label: "quimbi_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory).increment()
        Timer(label: "quimbi_http_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .record(duration: ContinuousClock.now - started)
    }
}
