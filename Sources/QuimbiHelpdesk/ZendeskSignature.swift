import Crypto
import Foundation
import QuimbiCore

/// Verifies Zendesk's webhook signature: `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256 of
/// `X-Zendesk-Webhook-Signature-Timestamp` (ISO 8601) followed directly by the raw body, under the
/// webhook's signing secret. A timestamp further than `tolerance` from the receipt is refused (replay).
public struct ZendeskSignature: Sendable {
    /// Header carrying the signature.
    public static let signatureHeader = "X-Zendesk-Webhook-Signature"
    /// Header carrying the signed timestamp.
    public static let timestampHeader = "X-Zendesk-Webhook-Signature-Timestamp"

    private let secret: [UInt8]
    /// Largest accepted distance between the signed timestamp and the receipt.
    public let tolerance: Duration

    /// A verifier for the webhook's signing `secret`, with `tolerance` (default 5 minutes).
    public init(secret: String, tolerance: Duration = .seconds(300)) {
        self.secret = Array(secret.utf8)
        self.tolerance = tolerance
    }

    /// The signature Zendesk sends for `body` at `timestamp` (for stand-ins and tests).
    public func signature(body: [UInt8], timestamp: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Array(timestamp.utf8) + body, using: SymmetricKey(data: secret))).base64EncodedString()
    }

    /// Whether `request` is signed with this secret at a fresh timestamp.
    public func isValid(_ request: WebhookRequest) -> Bool {
        guard let timestamp = request.header(Self.timestampHeader), let signed = RFC3339.date(from: timestamp),
              abs(signed.timeIntervalSince(request.receivedAt)) <= tolerance.inSeconds,
              let encoded = request.header(Self.signatureHeader), let mac = Data(base64Encoded: encoded)
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array(timestamp.utf8) + request.body, using: SymmetricKey(data: secret))
    }
}
