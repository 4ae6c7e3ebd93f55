import HTTPTypes
import Hummingbird

/// Requires a configured `X-API-Key` (401 without detail otherwise) and applies the per-key rate limit
/// (429 with `Retry-After`).
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: APIKeyStore
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = request.headers[Self.header], let key = keys.match(presented) else {
            return APIError.unauthorized.response()
        }
        if let retryAfter = limiter.acquire(key: key) {
            return APIError(code: "rate_limited", message: "too many requests for this key", status: .tooManyRequests, retryAfterSeconds: retryAfter).response()
        }
        return try await next(request, context)
    }

    static var header: HTTPField.Name { HTTPField.Name("X-API-Key")! }
}
