import QuimbiCore

/// Why the intent model cannot be used. Raised at start-up, so that a worker told to read with the
/// model never runs silently without it.
public struct IntentModelError: QuimbiError, Equatable {
    /// `intent_model_missing`, `intent_model_unreadable`, `intent_model_corrupt` or `intent_model_mismatch`.
    public let code: String
    /// What is wrong, naming the file.
    public let message: String

    /// No file at `path`.
    public static func missing(_ path: String) -> IntentModelError {
        IntentModelError(code: "intent_model_missing", message: "no intent model file at \(path)")
    }

    /// The file at `path` exists but cannot be read.
    public static func unreadable(_ path: String, _ reason: String) -> IntentModelError {
        IntentModelError(code: "intent_model_unreadable", message: "cannot read the intent model \(path): \(reason)")
    }

    /// The file at `path` is not a complete e5 model.
    public static func corrupt(_ path: String, _ reason: String) -> IntentModelError {
        IntentModelError(code: "intent_model_corrupt", message: "\(path) is not a valid e5 model file: \(reason)")
    }

    /// The file at `path` is a model, but not the one the intent head was trained on.
    public static func mismatch(_ path: String, expected: String, found: String) -> IntentModelError {
        IntentModelError(
            code: "intent_model_mismatch",
            message: "\(path) is \(found), but the intent classifier was trained on \(expected); retrain it with `quimbi intent train`")
    }
}
