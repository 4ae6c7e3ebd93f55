import QuimbiCore

/// A failure of the PostgreSQL or Redis layer, with a stable code.
public struct StoreError: QuimbiError {
    public var code: String
    public var message: String
    /// Whether trying again later may succeed (server down, connection lost).
    public var isTransient: Bool

    /// Creates an error with a stable snake_case `code`.
    public init(code: String, message: String, isTransient: Bool) {
        self.code = code
        self.message = message
        self.isTransient = isTransient
    }

    static func postgresUnavailable(_ detail: String) -> StoreError {
        StoreError(code: "postgres_unavailable", message: detail, isTransient: true)
    }

    static func postgresQuery(_ detail: String) -> StoreError {
        StoreError(code: "postgres_query_failed", message: detail, isTransient: false)
    }

    /// A statement stopped because its caller gave up (its deadline passed); the connection was dropped.
    static let postgresInterrupted = StoreError(
        code: "postgres_interrupted", message: "statement interrupted: its caller gave up", isTransient: true)

    static func redisUnavailable(_ detail: String) -> StoreError {
        StoreError(code: "redis_unavailable", message: detail, isTransient: true)
    }

    static func corruptRow(_ detail: String) -> StoreError {
        StoreError(code: "store_corrupt_row", message: detail, isTransient: false)
    }

    /// The same failure as a QuimbiCore ``LookupError`` for the lookup protocols.
    var asLookupError: LookupError {
        LookupError(code: code, message: message, isTransient: isTransient)
    }
}
