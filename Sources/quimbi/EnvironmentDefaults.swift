import Foundation

/// Every command-line flag that has an environment variable reads it through here, so that each
/// flag `--name` is also `QUIMBI_NAME`. An unparseable value is an error, not a silent default.
enum EnvironmentDefaults {
    static let environment = ProcessInfo.processInfo.environment

    static func string(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func string(_ name: String, default value: String) -> String {
        string(name) ?? value
    }

    static func int(_ name: String, default value: Int) -> Int {
        int(name) ?? value
    }

    static func int(_ name: String) -> Int? {
        guard let text = string(name) else { return nil }
        guard let parsed = Int(text) else { fail("\(name)=\(text) is not a whole number") }
        return parsed
    }

    /// Ends the program with one clear line on stderr, as for any bad input.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        exit(64)
    }
}

extension EnvironmentDefaults {
    /// A switch: `1`, `true` or `yes` is on; unset, `0`, `false` or `no` is off; anything else is an error.
    static func bool(_ name: String) -> Bool {
        guard let text = string(name)?.lowercased() else { return false }
        switch text {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: fail("\(name)=\(text) is not a switch (1 or 0)")
        }
    }
}
