import Foundation
import NIOConcurrencyHelpers
import NIOHTTP1

/// The fake's control routes, for driving a fake that runs in another process (`quimbi-fake-shopify`):
/// - `GET /fake/stats`: `{"requests": N, "throttled": N}`;
/// - `PUT /fake/outage?status=503`: answer every Shopify request with that status; `DELETE /fake/outage` ends it.
public enum FakeShopifyControl {
    /// Where the control routes live.
    public static let pathPrefix = "/fake/"

    static func answer(method: HTTPMethod, uri: String, state: NIOLockedValueBox<FakeShopifyServer.State>) -> FakeAnswer {
        let components = URLComponents(string: uri)
        switch (method, components?.path) {
        case (.GET, "/fake/stats"):
            let (requests, throttled) = state.withLockedValue { ($0.requests.count, $0.throttledCount) }
            return json(200, ["requests": requests, "throttled": throttled])
        case (.PUT, "/fake/outage"):
            guard let value = components?.queryItems?.first(where: { $0.name == "status" })?.value,
                  let status = Int(value), (400...599).contains(status) else {
                return json(400, ["error": "status must be an HTTP error status, e.g. ?status=503"])
            }
            state.withLockedValue { $0.outageStatus = status }
            return json(200, ["outage": status])
        case (.DELETE, "/fake/outage"):
            state.withLockedValue { $0.outageStatus = nil }
            return json(200, ["outage": NSNull()])
        default:
            return json(404, ["error": "no such control route"])
        }
    }

    private static func json(_ status: Int, _ object: [String: Any]) -> FakeAnswer {
        FakeAnswer(status: status, headers: [], body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), delay: 0)
    }
}
