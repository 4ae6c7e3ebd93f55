/// Limits that keep a libpq connection from hanging on an unreachable or frozen server.
///
/// They are sent as connection keywords before the URL's own, so a URL that names one
/// (`?connect_timeout=10`, `?options=-c%20statement_timeout%3D0`) overrides it.
public struct PostgresConnectionOptions: Sendable, Hashable {
    /// Longest wait to open a connection (libpq rounds up to at least 2 s).
    public var connectTimeout: Duration = .seconds(3)
    /// TCP keepalives: first probe after this much silence, then every `keepaliveInterval`,
    /// the connection declared dead after `keepaliveCount` unanswered probes.
    public var keepaliveIdle: Duration = .seconds(10)
    public var keepaliveInterval: Duration = .seconds(5)
    public var keepaliveCount = 3
    /// The server cancels any statement running longer than this; `nil` leaves the server's default.
    public var statementTimeout: Duration? = .seconds(30)

    /// The defaults.
    public init() {}

    /// libpq connection keywords and values.
    var keywords: [(String, String)] {
        var pairs = [
            ("connect_timeout", String(Self.wholeSeconds(connectTimeout))),
            ("keepalives", "1"),
            ("keepalives_idle", String(Self.wholeSeconds(keepaliveIdle))),
            ("keepalives_interval", String(Self.wholeSeconds(keepaliveInterval))),
            ("keepalives_count", String(max(1, keepaliveCount))),
            // Swift strings are UTF-8, whatever the database's own encoding: the server converts both ways.
            ("client_encoding", "UTF8"),
        ]
        if let statementTimeout {
            let milliseconds = max(1, statementTimeout.components.seconds * 1_000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000)
            pairs.append(("options", "-c statement_timeout=\(milliseconds)"))
        }
        return pairs
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds + (duration.components.attoseconds > 0 ? 1 : 0))
    }
}
