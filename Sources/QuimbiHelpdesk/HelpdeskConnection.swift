import Foundation

/// Where a helpdesk's API is and how Quimbi authenticates to it.
public struct HelpdeskConnection: Sendable, Hashable {
    /// Base URL without a trailing slash, e.g. `https://acme.zendesk.com`.
    public var baseURL: String
    /// The header carrying the credential: `Authorization`, or the helpdesk's own.
    public var credentialHeader: String
    /// The credential header's value.
    public var credential: String

    public init(baseURL: String, credentialHeader: String = "Authorization", credential: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentialHeader = credentialHeader
        self.credential = credential
    }

    /// HTTP basic authentication of `user` with `password`.
    public static func basic(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Zendesk's API-token authentication: basic auth of `<email>/token` with the token.
    public static func zendesk(url: String, email: String, token: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, credential: basic(user: "\(email)/token", password: token))
    }

    /// Freshdesk's API-key authentication: basic auth of the key with the password `X`.
    public static func freshdesk(url: String, apiKey: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, credential: basic(user: apiKey, password: "X"))
    }

    /// Gorgias's API-key authentication: basic auth of the account e-mail with the key.
    public static func gorgias(url: String, email: String, apiKey: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, credential: basic(user: email, password: apiKey))
    }

    /// Chatwoot's user access token, in its `api_access_token` header.
    public static func chatwoot(url: String, accessToken: String) -> HelpdeskConnection {
        HelpdeskConnection(baseURL: url, credentialHeader: "api_access_token", credential: accessToken)
    }
}
