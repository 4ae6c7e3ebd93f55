/// An error with a stable, machine-readable code.
///
/// Codes are part of Quimbi's public contract: they appear in dead-letter events, in
/// `context.degraded`, in HTTP error bodies and on stderr. Never rename one.
public protocol QuimbiError: Error, CustomStringConvertible, Sendable {
    /// A stable snake_case code, for example `payload_too_large`.
    var code: String { get }
    /// A human-readable explanation of this occurrence.
    var message: String { get }
}

extension QuimbiError {
    public var description: String { "\(code): \(message)" }
}
