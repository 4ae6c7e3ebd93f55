/// What counts as a committed secret in a deployment file.
enum SecretValues {
    /// Names of settings that hold secrets.
    static func isSecretName(_ name: String) -> Bool {
        name.firstMatch(of: /(?i)(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL)/) != nil
    }

    /// A placeholder a user must replace: `<…>`.
    static func isPlaceholder(_ value: String) -> Bool {
        value.wholeMatch(of: /<[^<>]+>/) != nil
    }

    /// A value filled in from the environment at deploy time: compose `${NAME…}` interpolation only.
    static func isInterpolated(_ value: String) -> Bool {
        value.wholeMatch(of: /\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}/) != nil
    }

    /// The password of a URL with user information (`scheme://user:password@host`), if it has one.
    static func urlPassword(in value: String) -> String? {
        value.firstMatch(of: /[a-z][a-z0-9+.-]*:\/\/[^:\/@\s]*:(\$\{[^}]*\}|[^@\s\/]+)@/).map { String($0.output.1) }
    }

    /// Every scalar string in a parsed YAML tree, with the mapping key it sits under.
    static func strings(in value: Any, key: String = "") -> [(key: String, value: String)] {
        switch value {
        case let mapping as [String: Any]: mapping.flatMap { strings(in: $0.value, key: $0.key) }
        case let sequence as [Any]: sequence.flatMap { strings(in: $0, key: key) }
        case let text as String: [(key, text)]
        default: []
        }
    }

    /// Why `value` under `key` looks like a committed secret, or nil when it does not.
    static func committedSecret(key: String, value: String) -> String? {
        if isPlaceholder(value) || isInterpolated(value) { return nil }
        if let password = urlPassword(in: value), !isInterpolated(password) {
            return "\(key) holds a URL with a literal password"
        }
        if isSecretName(key), !value.isEmpty {
            return "\(key) holds a literal secret"
        }
        return nil
    }
}
