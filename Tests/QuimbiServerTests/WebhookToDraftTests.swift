import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import QuimbiCore
import QuimbiKafka
import QuimbiMetrics
import QuimbiServer
import QuimbiSupport
import QuimbiWorker
import Testing

@Suite("Webhook to draft through an embedded Kafka cluster", .serialized)
struct WebhookToDraftTests {
    @Test("a ticket posted to the webhook arrives as a draft on support.drafts and the worker metrics count it")
    func webhookToDraft() async throws {
        let topics = WorkerTopics()
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in topics.all { try cluster.createTopic(topic, partitions: 2) }
        let kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
        let logger = Logger(label: "e2e")
        let producer = try KafkaProducer(configuration: ProducerConfiguration(kafka: kafka), logger: logger)

        let fixture = APIFixture(publisher: KafkaTicketPublisher(producer: producer, topic: topics.ticketsCreated))
        let workerMetrics = MetricsRegistry()
        let worker = TicketWorker(
            configuration: WorkerConfiguration(
                consumer: ConsumerConfiguration(kafka: kafka, groupID: "e2e-worker", topics: [topics.ticketsCreated]),
                producer: ProducerConfiguration(kafka: kafka), topics: topics),
            processor: TicketProcessor(profiles: fixture.data, orders: fixture.data, archetypes: fixture.data, desk: SupportDesk()),
            logger: logger, observer: WorkerMetrics(registry: workerMetrics))
        let workerTask = Task { try await worker.run() }
        let drafts = try KafkaConsumer(
            configuration: ConsumerConfiguration(kafka: kafka, groupID: "e2e-drafts", topics: [topics.drafts]), logger: logger)

        let before = String(decoding: workerMetrics.exposition(), as: UTF8.self)
        #expect(!before.contains("quimbi_tickets_processed_total{"))
        try await fixture.live { client in
            let body = try APIFixture.ticket(eventID: "evt-e2e")
            let response = try await client.execute(uri: "/webhooks/tickets", method: .post, headers: APIFixture.signed(body), body: ByteBuffer(bytes: body))
            #expect(response.status == .accepted)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
        }

        var draft: DraftResponse?
        for await batch in drafts.batches {
            for message in batch {
                drafts.finish(message)
                draft = try QuimbiJSON.makeDecoder().decode(DraftResponse.self, from: Data(message.value))
            }
            if draft != nil { break }
        }
        let received = try #require(draft)
        #expect(received.ticketEventID == "evt-e2e")
        #expect(received.customerID == APIFixture.knownCustomer)

        let after = String(decoding: workerMetrics.exposition(), as: UTF8.self)
        #expect(after.contains("quimbi_tickets_processed_total{outcome="))
        #expect(after.contains("quimbi_ticket_processing_seconds_count 1"))

        workerTask.cancel()
        _ = await workerTask.result
        await drafts.close()
        await producer.shutdown(timeout: .seconds(2))
        await cluster.shutdown()
    }
}
