import Crypto
import Foundation
import QuimbiCore

/// A helpdesk's signature over a timestamp and the raw body: HMAC-SHA256 of `timestamp + separator + body` under
/// the webhook's secret, sent in one header with the timestamp in another, and refused when the timestamp is
/// further than `tolerance` from the receipt (replay).
public struct HMACSignature: WebhookAuthentication {
    /// Zendesk's headers.
    public static let zendeskSignatureHeader = "X-Zendesk-Webhook-Signature"
    public static let zendeskTimestampHeader = "X-Zendesk-Webhook-Signature-Timestamp"
    /// Chatwoot's headers.
    public static let chatwootSignatureHeader = "X-Chatwoot-Signature"
    public static let chatwootTimestampHeader = "X-Chatwoot-Timestamp"

    /// Zendesk: `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256 of `X-Zendesk-Webhook-Signature-Timestamp`
    /// (ISO 8601) followed directly by the raw body, under the webhook's signing secret.
    public static func zendesk(secret: String, tolerance: Duration = .seconds(300)) -> HMACSignature {
        HMACSignature(
            secret: secret, tolerance: tolerance, signatureHeader: zendeskSignatureHeader, timestampHeader: zendeskTimestampHeader,
            timestamp: .iso8601, separator: "", encoding: .base64)
    }

    /// Chatwoot (v4.11.2 and later): `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<X-Chatwoot-Timestamp>.<raw
    /// body>">` under the webhook's secret, the timestamp in Unix seconds.
    public static func chatwoot(secret: String, tolerance: Duration = .seconds(300)) -> HMACSignature {
        HMACSignature(
            secret: secret, tolerance: tolerance, signatureHeader: chatwootSignatureHeader, timestampHeader: chatwootTimestampHeader,
            timestamp: .unixSeconds, separator: ".", encoding: .prefixedHex("sha256="))
    }

    enum TimestampFormat: Sendable { case iso8601, unixSeconds }
    enum Encoding: Sendable {
        case base64
        /// Lower-case hex after a prefix such as `sha256=`.
        case prefixedHex(String)
    }

    private let secret: [UInt8]
    /// Largest accepted distance between the signed timestamp and the receipt.
    public let tolerance: Duration
    private let signatureHeader: String
    private let timestampHeader: String
    private let timestamp: TimestampFormat
    private let separator: String
    private let encoding: Encoding

    private init(
        secret: String, tolerance: Duration, signatureHeader: String, timestampHeader: String, timestamp: TimestampFormat,
        separator: String, encoding: Encoding
    ) {
        self.secret = Array(secret.utf8)
        self.tolerance = tolerance
        self.signatureHeader = signatureHeader
        self.timestampHeader = timestampHeader
        self.timestamp = timestamp
        self.separator = separator
        self.encoding = encoding
    }

    /// The signature the helpdesk sends for `body` at `timestamp` (for stand-ins and tests).
    public func signature(body: [UInt8], timestamp: String) -> String {
        let mac = Array(HMAC<SHA256>.authenticationCode(for: signed(body, timestamp), using: SymmetricKey(data: secret)))
        switch encoding {
        case .base64: return Data(mac).base64EncodedString()
        case .prefixedHex(let prefix): return prefix + mac.map { String(format: "%02x", $0) }.joined()
        }
    }

    public func isValid(_ request: WebhookRequest) -> Bool {
        guard let stamp = request.header(timestampHeader), let signedAt = date(stamp),
              abs(signedAt.timeIntervalSince(request.receivedAt)) <= tolerance.inSeconds,
              let sent = request.header(signatureHeader), let mac = decode(sent)
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed(request.body, stamp), using: SymmetricKey(data: secret))
    }

    private func signed(_ body: [UInt8], _ timestamp: String) -> [UInt8] {
        Array((timestamp + separator).utf8) + body
    }

    private func date(_ text: String) -> Date? {
        switch timestamp {
        case .iso8601: RFC3339.date(from: text)
        case .unixSeconds: Int64(text).map { Date(timeIntervalSince1970: Double($0)) }
        }
    }

    private func decode(_ text: String) -> [UInt8]? {
        switch encoding {
        case .base64:
            return Data(base64Encoded: text).map(Array.init)
        case .prefixedHex(let prefix):
            guard text.hasPrefix(prefix) else { return nil }
            let hex = Array(text.dropFirst(prefix.count).utf8)
            guard hex.count.isMultiple(of: 2) else { return nil }
            var bytes: [UInt8] = []
            for index in stride(from: 0, to: hex.count, by: 2) {
                guard let byte = UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(byte)
            }
            return bytes
        }
    }
}
