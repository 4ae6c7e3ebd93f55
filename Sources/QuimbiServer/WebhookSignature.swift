import Crypto
import Foundation

/// Verifies `X-Quimbi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
public struct WebhookSignature: Sendable {
    private let secret: [UInt8]
    /// Largest accepted distance between `t` and now.
    public let tolerance: TimeInterval

    /// A verifier for `secret` with `tolerance` seconds (default 5 minutes).
    public init(secret: String, tolerance: TimeInterval = 300) {
        self.secret = Array(secret.utf8)
        self.tolerance = tolerance
    }

    /// The header value signing `body` at `timestamp` (for clients and tests).
    public func header(body: some Sequence<UInt8>, timestamp: Int) -> String {
        "t=\(timestamp),v1=\(HexBytes.encode(mac(body: Array(body), timestamp: String(timestamp))))"
    }

    /// Whether `header` is a valid, fresh signature of `body`.
    public func isValid(header: String?, body: [UInt8], now: Date = Date()) -> Bool {
        guard let header else { return false }
        var timestamp: String?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = pair[1] }
            if pair[0] == "v1", let bytes = HexBytes.decode(pair[1]) { signatures.append(bytes) }
        }
        guard let timestamp, let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else {
            return false
        }
        let signed = Array("\(timestamp).".utf8) + body
        return signatures.contains { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: SymmetricKey(data: secret)) }
    }

    private func mac(body: [UInt8], timestamp: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + body, using: SymmetricKey(data: secret)))
    }
}
