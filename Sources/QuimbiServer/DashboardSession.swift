import Crypto
import Foundation

/// A signed dashboard session: `<expiry unix seconds>.<CSRF token>.<key fingerprint>.<HMAC-SHA256>`, the MAC
/// over the first three parts. Nothing is kept on the server: a cookie is valid when its MAC verifies (in
/// constant time), its expiry has not passed and the API key that opened it is still configured (see
/// ``APIKeyStore/hasKey(withFingerprint:)``).
struct DashboardSession: Sendable, Equatable {
    /// When the session ends.
    let expiresAt: Int
    /// The token every state-changing form of this session carries (hex, 128 random bits).
    let csrfToken: String
    /// Which API key opened the session (``APIKeyStore/fingerprint(ofKeyAt:)``).
    let keyFingerprint: String

    /// The session cookie's name.
    static let cookieName = "quimbi_session"

    /// A new session of the key with `keyFingerprint`, starting now under `settings`.
    static func start(_ settings: DashboardSettings, keyFingerprint: String) -> DashboardSession {
        let token = HexBytes.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        return DashboardSession(
            expiresAt: Int(settings.now().timeIntervalSince1970) + Int(settings.sessionLifetime.components.seconds), csrfToken: token,
            keyFingerprint: keyFingerprint)
    }

    /// The session a cookie value carries, `nil` when its signature is wrong, it is malformed or it has expired.
    init?(cookie value: String, settings: DashboardSettings) {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, let expiry = Int(parts[0]), let mac = HexBytes.decode(String(parts[3])),
              HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: Self.signed(expiry, String(parts[1]), String(parts[2])), using: SymmetricKey(data: settings.secret)),
              Double(expiry) > settings.now().timeIntervalSince1970 else { return nil }
        expiresAt = expiry
        csrfToken = String(parts[1])
        keyFingerprint = String(parts[2])
    }

    private init(expiresAt: Int, csrfToken: String, keyFingerprint: String) {
        self.expiresAt = expiresAt
        self.csrfToken = csrfToken
        self.keyFingerprint = keyFingerprint
    }

    /// The cookie value, signed with `settings.secret`.
    func cookieValue(_ settings: DashboardSettings) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Self.signed(expiresAt, csrfToken, keyFingerprint), using: SymmetricKey(data: settings.secret))
        return "\(expiresAt).\(csrfToken).\(keyFingerprint).\(HexBytes.encode(Array(mac)))"
    }

    /// Whether `presented` is this session's CSRF token, compared in constant time.
    func acceptsCSRFToken(_ presented: String?) -> Bool {
        guard let presented else { return false }
        let expected = Array(csrfToken.utf8), given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The bytes the MAC covers; versioned so a future format cannot be mistaken for this one.
    private static func signed(_ expiry: Int, _ token: String, _ keyFingerprint: String) -> [UInt8] {
        Array("quimbi-dashboard-v2|\(expiry)|\(token)|\(keyFingerprint)".utf8)
    }
}
