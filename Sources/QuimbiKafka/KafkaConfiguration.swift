import CRdKafka

/// Connection settings shared by consumers and producers, plus any librdkafka property.
///
/// Properties are validated by librdkafka itself when a client is created: an unknown key or a bad
/// value fails with ``KafkaError/Code/invalidConfiguration`` naming the property.
public struct KafkaConfiguration: Sendable, Hashable {
    /// Comma-separated `host:port` list.
    public var bootstrapServers: String
    /// Client id reported to the brokers.
    public var clientID: String
    /// Extra librdkafka properties (`security.protocol`, `sasl.mechanisms`, …), applied last.
    public var properties: [String: String]

    public init(bootstrapServers: String, clientID: String = "quimbi", properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.properties = properties
    }

    /// The environment prefix of pass-through properties.
    public static let environmentPrefix = "QUIMBI_KAFKA_"

    /// librdkafka properties from `QUIMBI_KAFKA_<key>` variables: the key is lower-cased and each `_`
    /// becomes `.` (`QUIMBI_KAFKA_SECURITY_PROTOCOL=ssl` → `security.protocol=ssl`); a double `__`
    /// stands for a literal `_`.
    public static func properties(fromEnvironment environment: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix(environmentPrefix) {
            let raw = name.dropFirst(environmentPrefix.count).lowercased()
            guard !raw.isEmpty else { continue }
            let key = raw.replacingOccurrences(of: "__", with: "\u{0}")
                .replacingOccurrences(of: "_", with: ".")
                .replacingOccurrences(of: "\u{0}", with: "_")
            result[key] = value
        }
        return result
    }

    /// Builds a librdkafka configuration: `defaults`, then connection settings, then ``properties``.
    /// The caller owns the returned handle until it passes it to `rd_kafka_new`.
    func makeNativeConfiguration(defaults: [(String, String)]) throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(.clientCreationFailed, "rd_kafka_conf_new failed")
        }
        var settings = defaults
        settings.append(("bootstrap.servers", bootstrapServers))
        settings.append(("client.id", clientID))
        settings.append(contentsOf: properties.sorted { $0.key < $1.key })
        for (key, value) in settings {
            var buffer = [CChar](repeating: 0, count: 512)
            let result = rd_kafka_conf_set(conf, key, value, &buffer, buffer.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                let reason = text(ofCBuffer: buffer)
                throw KafkaError(.invalidConfiguration, "\(key)=\(value): \(reason)")
            }
        }
        return conf
    }
}
