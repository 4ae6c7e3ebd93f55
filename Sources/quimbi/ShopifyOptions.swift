import ArgumentParser
import Foundation
import QuimbiShopify

/// The Shopify flags shared by every command that reads orders from Shopify; each falls back to
/// its `QUIMBI_SHOPIFY_*` environment variable.
struct ShopifyOptions: ParsableArguments {
    @Option(name: .customLong("shopify-store"), help: "Shop domain, e.g. example.myshopify.com (or QUIMBI_SHOPIFY_STORE).")
    var store: String?

    @Option(name: .customLong("shopify-url"), help: "Base URL override for proxies and tests (or QUIMBI_SHOPIFY_URL).")
    var url: String?

    @Option(name: .customLong("shopify-token"), help: "Admin API access token (or QUIMBI_SHOPIFY_TOKEN).")
    var token: String?

    @Option(name: .customLong("shopify-api-version"), help: "Pinned Admin API version, YYYY-MM (or QUIMBI_SHOPIFY_API_VERSION; default \(ShopifyConfiguration.defaultAPIVersion)).")
    var apiVersion: String?

    @Option(name: .customLong("shopify-connect-timeout-ms"), help: "TCP/TLS connect timeout.")
    var connectTimeoutMilliseconds: Int64 = 1000

    @Option(name: .customLong("shopify-timeout-ms"), help: "Timeout of one request to Shopify.")
    var requestTimeoutMilliseconds: Int64 = 5000

    /// Whether a shop was named by flag or environment.
    func isConfigured(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        (store ?? environment["QUIMBI_SHOPIFY_STORE"]) != nil || (url ?? environment["QUIMBI_SHOPIFY_URL"]) != nil
    }

    /// The validated configuration, `nil` when no shop is named (orders then come from elsewhere).
    /// - Parameter defaultURL: the base URL used when neither a store nor a URL is named.
    /// - Throws: ``ShopifyConfigurationError`` naming the bad value.
    func configuration(
        environment: [String: String] = ProcessInfo.processInfo.environment, defaultURL: String? = nil,
        cacheTTL: Duration = .seconds(30)
    ) throws -> ShopifyConfiguration? {
        let store = self.store ?? environment["QUIMBI_SHOPIFY_STORE"]
        let url = self.url ?? environment["QUIMBI_SHOPIFY_URL"] ?? (store == nil ? defaultURL : nil)
        guard store != nil || url != nil else { return nil }
        return try ShopifyConfiguration(
            store: store, url: url, token: token,
            apiVersion: apiVersion ?? environment["QUIMBI_SHOPIFY_API_VERSION"] ?? ShopifyConfiguration.defaultAPIVersion,
            environment: environment, connectTimeout: .milliseconds(connectTimeoutMilliseconds),
            requestTimeout: .milliseconds(requestTimeoutMilliseconds), cacheTTL: cacheTTL)
    }
}
