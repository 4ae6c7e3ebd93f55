import Crypto
import Foundation

/// How a helpdesk's webhook request proves where it comes from.
public protocol WebhookAuthentication: Sendable {
    /// Whether `request` carries valid, fresh credentials.
    func isValid(_ request: WebhookRequest) -> Bool
}


/// A secret the helpdesk admin configures as a request header: a token header, or basic authentication
/// (`Authorization: Basic …`), for helpdesks that do not sign their webhooks. Compared in constant time.
public struct SecretHeader: WebhookAuthentication {
    /// The header name.
    public let name: String
    private let expected: [UInt8]

    /// The header `name` must carry exactly `value`.
    public init(name: String, value: String) {
        self.name = name
        expected = Array(value.utf8)
    }

    /// `Authorization: Basic` with `user` and `password`.
    public static func basic(user: String, password: String) -> SecretHeader {
        SecretHeader(name: "Authorization", value: HelpdeskConnection.basic(user: user, password: password))
    }

    public func isValid(_ request: WebhookRequest) -> Bool {
        guard let sent = request.header(name), !expected.isEmpty else { return false }
        // Comparing the MACs of both values takes the same time wherever they differ.
        let key = SymmetricKey(size: .bits256)
        return HMAC<SHA256>.authenticationCode(for: Array(sent.utf8), using: key)
            == HMAC<SHA256>.authenticationCode(for: expected, using: key)
    }
}
