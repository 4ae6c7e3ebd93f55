import HTTPTypes
import Hummingbird

/// The API's paths and the methods each serves, as `Schemas/api/openapi.yaml` documents them. A
/// segment starting with `:` matches any one segment.
struct RouteMethods: Sendable {
    let pattern: [Substring]
    let methods: [HTTPRequest.Method]

    init(_ path: String, _ methods: HTTPRequest.Method...) {
        pattern = path.split(separator: "/")
        self.methods = methods
    }

    func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return segments.count == pattern.count && zip(pattern, segments).allSatisfy { $0.first == ":" || $0 == $1 }
    }
}

/// Answers a method a documented path does not serve with `405 Method Not Allowed` and an `Allow`
/// header, as HTTP asks, instead of the router's 404 (which says the path does not exist).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [RouteMethods]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = routes.first(where: { $0.matches(request.uri.path) }), !route.methods.contains(request.method) else {
            return try await next(request, context)
        }
        var response = APIError(code: "method_not_allowed", message: "\(request.method) is not served here", status: .methodNotAllowed).response()
        response.headers[.allow] = route.methods.map(\.rawValue).joined(separator: ", ")
        return response
    }
}
