import ArgumentParser
import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiSupport
import QuimbiWorker

/// `quimbi demo`: the whole product, embedded, on one screen.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run everything embedded: sample store, segmentation, Kafka, the worker; print drafts and escalations.",
        discussion: "Publishes the seed's three scenario tickets for customer 7415378247935, generated tickets, one unknown customer and one malformed event."
    )

    @Option(help: "Generated tickets after the seed's three scenarios.")
    var tickets: Int = 6

    @Flag(help: "Exit once every published ticket has its draft (or dead letter).")
    var exitWhenDone = false

    @OptionGroup var sampleStore: SampleStoreOptions
    @OptionGroup var support: SupportOptions
    @OptionGroup var tuning: WorkerTuningOptions

    func validate() throws {
        guard (0...100_000).contains(tickets) else { throw ValidationError("--tickets must be 0…100000") }
    }

    func run() async throws {
        var logger = CommandLogging.logger("quimbi.demo")
        logger.logLevel = .warning
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        let topics = WorkerTopics()
        for topic in topics.all { try cluster.createTopic(topic, partitions: 12) }
        let kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
        print("Embedded Kafka at \(cluster.bootstrapServers). Generating and segmenting the sample store…")
        let asOf = Date()
        let data = try sampleStore.load(asOf: asOf, logger: CommandLogging.logger("quimbi.demo"))
        let resources = try support.makeDesk(logger: logger)

        var configuration = tuning.workerConfiguration(kafka: kafka, topics: topics, embeddedBroker: true, lookupsInPostgres: false)
        configuration.consumer.sessionTimeout = .seconds(6)
        let worker = TicketWorker(
            configuration: configuration,
            processor: TicketProcessor(
                profiles: data, orders: data, archetypes: data, recommendations: data, desk: resources.desk, settings: tuning.processing),
            logger: logger)
        let workerTask = Task { try await worker.run() }
        let reader = try TopicReader(
            kafka: kafka, topics: [topics.drafts, topics.escalations, topics.deadLetters], fetchWaitMax: configuration.consumer.fetchWaitMax, logger: logger)

        let published = try await publishTickets(kafka: kafka, topic: topics.ticketsCreated, customers: data, asOf: asOf, logger: logger)
        print("Published \(published) ticket events. Drafts as they arrive:\n")
        let decoder = QuimbiJSON.makeDecoder()
        var answered = 0
        await reader.read { message in
            switch message.topicPartition.topic {
            case topics.drafts:
                if let draft = try? decoder.decode(DraftResponse.self, from: Data(message.value)) {
                    print(DemoPrinter.render(draft) + "\n")
                    answered += 1
                }
            case topics.escalations:
                if let escalation = try? decoder.decode(Escalation.self, from: Data(message.value)) {
                    print(DemoPrinter.render(escalation) + "\n")
                }
            default:
                if let letter = try? decoder.decode(DeadLetter.self, from: Data(message.value)) {
                    print(DemoPrinter.render(letter) + "\n")
                    answered += 1
                }
            }
            fflush(nil)
            return !(exitWhenDone && answered >= published)
        }
        print("All \(answered) tickets answered.")
        workerTask.cancel()
        _ = try? await workerTask.value
        await reader.consumer.close()
        await cluster.shutdown()
        try await resources.shutdown()
    }

    /// Publishes the seed scenarios, generated tickets, an unknown customer and a malformed event.
    private func publishTickets(kafka: KafkaConfiguration, topic: String, customers: InMemoryCustomerData, asOf: Date, logger: Logger) async throws -> Int {
        let producer = try KafkaProducer(configuration: ProducerConfiguration(kafka: kafka), logger: logger)
        var events = SampleTickets.seedScenarios(createdAt: asOf)
        events += SampleTickets.generated(count: tickets, customerIDs: customers.sampleCustomerIDs(limit: 500), createdAt: asOf)
        events.append(TicketCreated(
            eventID: "evt-unknown-1", ticketID: "T-UNKNOWN-1", customerID: nil, customerEmail: "new.visitor@example.com",
            channel: .chat, message: "Hi, do you ship to Canada? I have never ordered before.", createdAt: asOf))
        let encoder = QuimbiJSON.makeEncoder()
        for event in events {
            _ = try await producer.send(ProducerRecord(topic: topic, key: Array(event.ticketID.utf8), value: Array(try encoder.encode(event))))
        }
        _ = try await producer.send(ProducerRecord(topic: topic, key: Array("T-BROKEN-1".utf8), value: Array(#"{"event_id": "evt-broken", "message": 42"#.utf8)))
        await producer.shutdown()
        return events.count + 1
    }
}
