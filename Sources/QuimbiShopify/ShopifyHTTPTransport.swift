import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What one HTTP exchange with Shopify produced, before GraphQL is looked at.
struct ShopifyHTTPAnswer: Sendable {
    var status: Int
    var retryAfter: Duration?
    var body: ByteBuffer
}

/// Posts GraphQL bodies to the pinned Admin API endpoint with the access token.
struct ShopifyHTTPTransport: Sendable {
    /// Largest answer body read; a customer's recent orders are far smaller.
    static let maxBodyBytes = 4 << 20

    let client: HTTPClient
    let endpoint: String
    let accessToken: String
    let requestTimeout: Duration

    /// Sends one request; throws AsyncHTTPClient's or NIO's errors when no answer arrived.
    func post(_ body: Data) async throws -> ShopifyHTTPAnswer {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "X-Shopify-Access-Token", value: accessToken)
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .nanoseconds(requestTimeout.nanoseconds))
        let bytes = try await response.body.collect(upTo: Self.maxBodyBytes)
        return ShopifyHTTPAnswer(
            status: Int(response.status.code),
            retryAfter: response.headers.first(name: "Retry-After").flatMap(Self.parseRetryAfter),
            body: bytes)
    }

    /// `Retry-After` in seconds (`2`, `1.5`) or as an HTTP date.
    static func parseRetryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }
}

extension Duration {
    /// The duration in whole nanoseconds, for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }

    /// The duration in seconds as a `Double`.
    var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
