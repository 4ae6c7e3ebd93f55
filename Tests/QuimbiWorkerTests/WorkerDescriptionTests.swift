import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiSupport
import QuimbiWorker
import Testing

/// swift-service-lifecycle describes every service it runs (`String(describing:)`) when the group is
/// configured: a worker over a large in-memory store must describe itself in a line, not by reflecting
/// every customer and order (that took 15 s at start-up with the sample store).
struct WorkerDescriptionTests {
    @Test func aWorkerDescribesItselfInOneShortLine() {
        let orders = (0..<20_000).map { index in
            Order(id: "\(index)", name: "#\(index)", customerID: "c\(index)", createdAt: Date(), total: 10, lineItems: [])
        }
        let data = InMemoryCustomerData(customers: [], orders: orders, profiles: [], archetypes: [])
        let kafka = KafkaConfiguration(bootstrapServers: "localhost:9092")
        let worker = TicketWorker(
            configuration: WorkerConfiguration(
                consumer: ConsumerConfiguration(kafka: kafka, groupID: "quimbi-worker", topics: ["support.tickets.created"]),
                producer: ProducerConfiguration(kafka: kafka), topics: WorkerTopics()),
            processor: TicketProcessor(profiles: data, orders: data, archetypes: data, desk: SupportDesk()),
            logger: Logger(label: "test"))
        let description = String(describing: worker)
        #expect(description.count < 200, "\(description.prefix(300))")
        #expect(description.contains("quimbi-worker") && description.contains("support.tickets.created"))
    }
}
