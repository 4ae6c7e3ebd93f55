import Logging

/// Logging of every command: to stderr, so that stdout carries only the command's output.
enum CommandLogging {
    private static let bootstrapped: Void = LoggingSystem.bootstrap(StreamLogHandler.standardError)

    static func logger(_ label: String) -> Logger {
        _ = bootstrapped
        return Logger(label: label)
    }
}
