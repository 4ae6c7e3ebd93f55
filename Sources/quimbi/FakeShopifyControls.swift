import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// The control routes of `quimbi-fake-shopify` (`/fake/stats`, `/fake/outage`), for `bench-orders`.
/// (AsyncHTTPClient, not URLSession: FoundationNetworking does not link into the static release binary.)
struct FakeShopifyControls {
    let baseURL: URL

    /// The fake's count of `THROTTLED` answers, or `nil` when the shop is not the fake.
    func throttledCount() async -> Int? {
        guard let (status, body) = try? await send(.GET, "fake/stats"), status == 200,
              let stats = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        return stats["throttled"] as? Int
    }

    /// Makes the fake answer every request with `status`, or ends the outage (`nil`).
    func setOutage(status: Int?) async throws {
        let answer = try await send(status == nil ? .DELETE : .PUT, "fake/outage" + (status.map { "?status=\($0)" } ?? ""))
        guard answer.status == 200 else {
            throw ValidationError("\(baseURL) did not take the outage; --fake-outage-status needs quimbi-fake-shopify")
        }
    }

    private func send(_ method: HTTPMethod, _ path: String) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/" + path)
        request.method = method
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 16)
        return (Int(response.status.code), Array(body.readableBytesView))
    }
}
