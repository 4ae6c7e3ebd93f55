import Logging
import Testing
@testable import QuimbiKafka

@Suite struct KafkaConfigurationTests {
    @Test func mapsEnvironmentVariablesToLibrdkafkaProperties() {
        let properties = KafkaConfiguration.properties(fromEnvironment: [
            "QUIMBI_KAFKA_SECURITY_PROTOCOL": "sasl_ssl",
            "QUIMBI_KAFKA_SESSION_TIMEOUT_MS": "6000",
            "QUIMBI_KAFKA_SSL__KEY_PASSWORD": "x",
            "QUIMBI_BROKERS": "ignored:9092",
        ])
        #expect(properties == ["security.protocol": "sasl_ssl", "session.timeout.ms": "6000", "ssl_key.password": "x"])
    }

    @Test func rejectsUnknownPropertiesWithTheirName() {
        let configuration = ProducerConfiguration(kafka: KafkaConfiguration(bootstrapServers: "127.0.0.1:1", properties: ["no.such.property": "1"]))
        #expect {
            _ = try KafkaProducer(configuration: configuration, logger: Logger(label: "test"))
        } throws: { error in
            let kafkaError = error as? KafkaError
            return kafkaError?.reason == .invalidConfiguration && kafkaError?.message.contains("no.such.property") == true
        }
    }

    @Test func rejectsInvalidValues() {
        let configuration = ConsumerConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: "127.0.0.1:1", properties: ["session.timeout.ms": "soon"]),
            groupID: "g", topics: ["t"])
        #expect(throws: KafkaError.self) {
            _ = try KafkaConsumer(configuration: configuration, logger: Logger(label: "test"))
        }
    }
}
