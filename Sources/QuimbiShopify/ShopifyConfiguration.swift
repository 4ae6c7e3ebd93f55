import Foundation
import QuimbiCore

/// Why a Shopify configuration was rejected; the message names the bad value.
public struct ShopifyConfigurationError: QuimbiError, Equatable {
    public var code: String
    public var message: String

    /// Creates an error with a stable `code` and a message naming the offending value.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Where and how to reach one store's GraphQL Admin API, and how patiently.
public struct ShopifyConfiguration: Sendable {
    /// The environment variable read when no token is given on the command line.
    public static let tokenEnvironmentVariable = "QUIMBI_SHOPIFY_TOKEN"
    /// A recent stable Admin API version; Shopify supports each version for at least twelve months.
    public static let defaultAPIVersion = "2025-07"

    /// Base URL of the shop, e.g. `https://example.myshopify.com` (or a proxy / the local fake).
    public var baseURL: URL
    /// The Admin API access token sent as `X-Shopify-Access-Token`.
    public var accessToken: String
    /// The pinned API version, `YYYY-MM`.
    public var apiVersion: String
    /// Longest wait for a TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// Longest wait for one complete answer, per attempt.
    public var requestTimeout: Duration
    /// Attempts per lookup, the first included (throttling, 429 and 5xx are retried).
    public var maxAttempts: Int
    /// First back-off after a 5xx; doubled per attempt, with full jitter.
    public var baseBackoff: Duration
    /// Longest time a lookup may keep waiting (for retries and for the cost bucket) after it starts;
    /// a `Retry-After` or refill that would end later fails at once.
    public var retryBudget: Duration
    /// Consecutive failed lookups that open the circuit breaker.
    public var breakerFailureThreshold: Int
    /// How long an open breaker fails calls fast before letting one probe through.
    public var breakerCooldown: Duration
    /// How long a customer's orders are served from the cache.
    public var cacheTTL: Duration
    /// Orders fetched per GraphQL page (Shopify allows at most 250).
    public var pageSize: Int
    /// Line items fetched per order.
    public var lineItemsPerOrder: Int

    /// The GraphQL endpoint: `{baseURL}/admin/api/{apiVersion}/graphql.json`.
    public var graphQLEndpoint: URL {
        baseURL.appending(path: "admin/api/\(apiVersion)/graphql.json")
    }

    /// Validates and builds a configuration.
    ///
    /// - Parameters:
    ///   - store: the shop domain (`example.myshopify.com`), used when `url` is `nil`.
    ///   - url: a base URL override (proxies, tests); wins over `store`.
    ///   - token: the access token; `nil` reads ``tokenEnvironmentVariable`` from `environment`.
    /// - Throws: ``ShopifyConfigurationError`` naming the first bad value.
    public init(
        store: String?, url: String? = nil, token: String?, apiVersion: String = defaultAPIVersion,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        connectTimeout: Duration = .seconds(1), requestTimeout: Duration = .seconds(5),
        maxAttempts: Int = 4, baseBackoff: Duration = .milliseconds(100), retryBudget: Duration = .seconds(3),
        breakerFailureThreshold: Int = 5, breakerCooldown: Duration = .seconds(10),
        cacheTTL: Duration = .seconds(30), pageSize: Int = 5, lineItemsPerOrder: Int = 10
    ) throws {
        self.baseURL = try Self.resolveBaseURL(store: store, url: url)
        self.accessToken = try Self.resolveToken(token, environment: environment)
        guard Self.isAPIVersion(apiVersion) else {
            throw ShopifyConfigurationError(
                code: "shopify_bad_api_version",
                message: "API version '\(apiVersion)' is not of the form YYYY-MM (e.g. \(Self.defaultAPIVersion))")
        }
        self.apiVersion = apiVersion
        try Self.requirePositive(connectTimeout, named: "connect timeout")
        try Self.requirePositive(requestTimeout, named: "request timeout")
        try Self.requirePositive(breakerCooldown, named: "breaker cooldown")
        try Self.requireRange(maxAttempts, 1...20, named: "max attempts")
        try Self.requireRange(breakerFailureThreshold, 1...1000, named: "breaker failure threshold")
        try Self.requireRange(pageSize, 1...250, named: "page size")
        try Self.requireRange(lineItemsPerOrder, 1...250, named: "line items per order")
        guard baseBackoff >= .zero, retryBudget >= .zero, cacheTTL >= .zero else {
            throw ShopifyConfigurationError(
                code: "shopify_bad_duration",
                message: "back-off \(baseBackoff), retry budget \(retryBudget) and cache TTL \(cacheTTL) must not be negative")
        }
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.baseBackoff = baseBackoff
        self.retryBudget = retryBudget
        self.breakerFailureThreshold = breakerFailureThreshold
        self.breakerCooldown = breakerCooldown
        self.cacheTTL = cacheTTL
        self.pageSize = pageSize
        self.lineItemsPerOrder = lineItemsPerOrder
    }

    private static func resolveBaseURL(store: String?, url: String?) throws -> URL {
        if let url {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", parsed.host() != nil else {
                throw ShopifyConfigurationError(
                    code: "shopify_bad_url", message: "Shopify URL '\(url)' is not an http(s) URL with a host")
            }
            return parsed
        }
        guard let store, !store.isEmpty else {
            throw ShopifyConfigurationError(
                code: "shopify_missing_store", message: "neither a Shopify store domain nor a Shopify URL was given")
        }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-.")
        guard store.lowercased().unicodeScalars.allSatisfy(allowed.contains), store.contains("."),
              !store.hasPrefix("."), !store.hasSuffix("."), let parsed = URL(string: "https://\(store)") else {
            throw ShopifyConfigurationError(
                code: "shopify_bad_store",
                message: "Shopify store '\(store)' is not a shop domain such as example.myshopify.com")
        }
        return parsed
    }

    private static func resolveToken(_ token: String?, environment: [String: String]) throws -> String {
        let resolved = token ?? environment[tokenEnvironmentVariable]
        guard let resolved, !resolved.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ShopifyConfigurationError(
                code: "shopify_missing_token",
                message: "no Shopify access token: pass --shopify-token or set \(tokenEnvironmentVariable)")
        }
        guard !resolved.contains(where: { $0.isNewline || $0 == " " }) else {
            throw ShopifyConfigurationError(
                code: "shopify_bad_token", message: "the Shopify access token contains spaces or line breaks")
        }
        return resolved
    }

    private static func isAPIVersion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]) else { return false }
        return year >= 2019 && (1...12).contains(month)
    }

    private static func requirePositive(_ value: Duration, named name: String) throws {
        guard value > .zero else {
            throw ShopifyConfigurationError(code: "shopify_bad_duration", message: "\(name) \(value) must be positive")
        }
    }

    private static func requireRange(_ value: Int, _ range: ClosedRange<Int>, named name: String) throws {
        guard range.contains(value) else {
            throw ShopifyConfigurationError(
                code: "shopify_bad_limit",
                message: "\(name) \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
    }
}
