import Foundation
import Logging
import QuimbiKafka

/// Reads topics from the beginning in a private consumer group, for the demo's printout and the
/// benchmark's latency measurement. Every record is finished as soon as it is handed out.
struct TopicReader {
    let consumer: KafkaConsumer

    init(kafka: KafkaConfiguration, topics: [String], fetchWaitMax: Duration, logger: Logger) throws {
        consumer = try KafkaConsumer(
            configuration: ConsumerConfiguration(
                kafka: kafka, groupID: "quimbi-reader-\(UUID().uuidString)", topics: topics, maxInFlight: 100_000,
                commitInterval: .seconds(1), sessionTimeout: .seconds(6), fetchWaitMax: fetchWaitMax),
            logger: logger)
    }

    /// Calls `handle` for each record until it returns false or the stream ends.
    func read(_ handle: (KafkaMessage) -> Bool) async {
        for await batch in consumer.batches {
            for message in batch {
                consumer.finish(message)
                if !handle(message) { return }
            }
        }
    }
}
