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
}
