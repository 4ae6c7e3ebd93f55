import Crypto
import Foundation

/// How the manager dashboard's sessions are signed and kept.
public struct DashboardSettings: Sendable {
    /// The HMAC-SHA256 key signing session cookies.
    public var secret: [UInt8]
    /// How long a session lasts after the login.
    public var sessionLifetime: Duration
    /// Whether the session cookie is marked `Secure` (sent over HTTPS only): on when the server is reached through TLS.
    public var secureCookie: Bool
    /// Login attempts admitted per second, across all clients.
    public var loginAttemptsPerSecond: Double
    /// Login attempts admitted at once, across all clients.
    public var loginAttemptBurst: Int
    /// The wall clock sessions expire by.
    public var now: @Sendable () -> Date

    /// Settings signing with `secret` (a random key of this process when `nil`, so sessions end with the
    /// process and are not shared between replicas); 8-hour sessions; 10 login attempts at once, one a second.
    public init(
        secret: [UInt8]? = nil, sessionLifetime: Duration = .seconds(8 * 3_600), secureCookie: Bool = false,
        loginAttemptsPerSecond: Double = 1, loginAttemptBurst: Int = 10, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.secret = secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        self.sessionLifetime = sessionLifetime
        self.secureCookie = secureCookie
        self.loginAttemptsPerSecond = loginAttemptsPerSecond
        self.loginAttemptBurst = loginAttemptBurst
        self.now = now
    }
}
