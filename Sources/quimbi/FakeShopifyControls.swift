import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The control routes of `quimbi-fake-shopify` (`/fake/stats`, `/fake/outage`), for `bench-orders`.
struct FakeShopifyControls {
    let baseURL: URL

    /// The fake's count of `THROTTLED` answers, or `nil` when the shop is not the fake.
    func throttledCount() async -> Int? {
        guard let (data, response) = try? await URLSession.shared.data(from: baseURL.appendingPathComponent("fake/stats")),
              (response as? HTTPURLResponse)?.statusCode == 200,
              let stats = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return stats["throttled"] as? Int
    }

    /// Makes the fake answer every request with `status`, or ends the outage (`nil`).
    func setOutage(status: Int?) async throws {
        var components = URLComponents(url: baseURL.appendingPathComponent("fake/outage"), resolvingAgainstBaseURL: false)!
        if let status { components.queryItems = [URLQueryItem(name: "status", value: "\(status)")] }
        var request = URLRequest(url: components.url!)
        request.httpMethod = status == nil ? "DELETE" : "PUT"
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw ValidationError("\(baseURL) did not take the outage; --fake-outage-status needs quimbi-fake-shopify")
        }
    }
}
