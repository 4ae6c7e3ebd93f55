import Foundation

/// Where a helpdesk's API is and how Quimbi authenticates to it.
public struct HelpdeskConnection: Sendable, Hashable {
    /// Base URL without a trailing slash, e.g. `https://acme.zendesk.com`.
    public var baseURL: String
    /// The `Authorization` header value.
    public var authorization: String

    public init(baseURL: String, authorization: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.authorization = authorization
    }

    /// HTTP basic authentication of `user` with `password`.
    public static func basic(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Zendesk's API-token authentication: basic auth of `<email>/token` with the token.
    public static func zendesk(url: String, email: String, token: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, authorization: basic(user: "\(email)/token", password: token))
    }

    /// Freshdesk's API-key authentication: basic auth of the key with the password `X`.
    public static func freshdesk(url: String, apiKey: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, authorization: basic(user: apiKey, password: "X"))
    }

    /// Gorgias's API-key authentication: basic auth of the account e-mail with the key.
    public static func gorgias(url: String, email: String, apiKey: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, authorization: basic(user: email, password: apiKey))
    }
}
