import ArgumentParser
import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiResilience
import QuimbiSupport
import QuimbiWorker

/// `quimbi bench`: end-to-end throughput and latency of the worker on Kafka.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "End-to-end benchmark: tickets/s and latency from produce to draft, as one JSON object.",
        discussion: """
            Latency is measured from the moment a ticket is handed to the producer until its draft is read back from \
            the drafts topic (so it includes the worker's acknowledged publish and one consumer fetch). Tickets are \
            streamed with at most --window outstanding, which keeps the embedded broker's 5 MB-per-partition limit out of reach.

            The embedded broker runs as a child process (quimbi dev-broker), as a real broker would run apart from the \
            worker: peak_rss_mb is this process's (the worker, the publisher and the reader), broker_peak_rss_mb the broker's. \
            Its fetches walk each partition's log from the start, so a paced run (--rate) spreads its tickets over 96 \
            partitions by default, and a run at full speed over 24. It holds an empty fetch for the whole fetch wait, \
            even when records arrive meanwhile (a real broker answers at once), so a paced run waits 2 ms by default, \
            and a run at full speed 5.

            --pass-through measures the floor under these figures: every ticket is answered with a copy of one draft, \
            so what is left is the brokers, the Kafka clients and the worker's own plumbing.
            """
    )

    @Option(help: "Tickets to process.")
    var tickets: Int = 30_000

    @Option(help: "Most tickets published but not yet drafted.")
    var window: Int = 1_000

    @Option(name: .customLong("partitions"), help: "Partitions of the benchmark topics (embedded broker only; default 24, 96 with a --rate above 0).")
    var givenPartitions: Int?

    @Option(help: "Publish at most this many tickets per second (0: as fast as the window allows).")
    var rate: Int = 0

    @Option(help: "Use these brokers instead of the embedded one (topics must exist).")
    var brokers: String?

    @Flag(help: "Answer every ticket with a copy of one draft instead of processing it: the floor under the worker's figures.")
    var passThrough = false

    @OptionGroup var tuning: WorkerTuningOptions
    @OptionGroup var data: CustomerDataOptions
    @OptionGroup var intentReading: IntentReadingOptions

    /// The partitions of the embedded broker's topics. A paced run has 96: librdkafka's mock broker walks a
    /// partition's log from its start on every fetch, and at a paced rate each record is a message set of its
    /// own, so over 30,000 tickets in 24 partitions its fetches slowed as the logs grew (p99 6.6 ms over the first
    /// tenth of the tickets, 20 ms over the last, and 9.0-9.2 ms with --pass-through). A run at full speed keeps
    /// 24: larger message sets, fewer fetches, and more tickets in each produce request.
    var partitions: Int { givenPartitions ?? (rate > 0 ? 96 : 24) }

    static let warmUpTickets = 200
    /// Ticket ids of the measured (not warm-up) tickets start with this.
    static let measuredPrefix = "T-99-"

    func validate() throws {
        guard (1...10_000_000).contains(tickets) else { throw ValidationError("--tickets must be 1…10000000") }
        guard (1...1_000_000).contains(window) else { throw ValidationError("--window must be 1…1000000") }
        guard (1...1_000).contains(partitions) else { throw ValidationError("--partitions must be 1…1000") }
        guard rate >= 0 else { throw ValidationError("--rate must not be negative") }
    }

    func run() async throws {
        var logger = CommandLogging.logger("quimbi.bench")
        logger.logLevel = .warning
        let runID = UUID().uuidString.prefix(8).lowercased()
        let topics = WorkerTopics(
            ticketsCreated: "bench.\(runID).tickets", drafts: "bench.\(runID).drafts",
            escalations: "bench.\(runID).escalations", deadLetters: "bench.\(runID).dlq")
        let cluster = brokers == nil ? try await DevBrokerProcess.start(brokers: 3, partitions: partitions, topics: topics.all) : nil
        let outcome = await Result { try await measure(topics: topics, cluster: cluster, logger: logger) }
        await cluster?.stop()
        try outcome.get()
    }

    /// Runs the worker, publishes and reads back, and prints the report; the broker is the caller's.
    private func measure(topics: WorkerTopics, cluster: DevBrokerProcess?, logger: Logger) async throws {
        let kafka = KafkaOptions().kafka(brokers: brokers ?? cluster?.bootstrapServers)

        let asOf = Date()
        let sources = try await data.open(logger: logger)
        let customerIDs = try await sources.customerIDs(limit: 20_000)
        guard !customerIDs.isEmpty else {
            throw ValidationError("the store has no customer profiles to write tickets for (run quimbi segment first)")
        }
        let orders = sources.orders
        let warmUp = SampleTickets.generated(count: Self.warmUpTickets, customerIDs: customerIDs, seed: 98, createdAt: asOf)
        let events = SampleTickets.generated(count: tickets, customerIDs: customerIDs, seed: 99, createdAt: asOf)
        let encoder = QuimbiJSON.makeEncoder()
        let payloads = try events.map { Array(try encoder.encode($0)) }
        let warmUpRecords = try warmUp.map {
            ProducerRecord(topic: topics.ticketsCreated, key: Array($0.ticketID.utf8), value: Array(try encoder.encode($0)))
        }

        let reading = try intentReading.load(logger: logger)
        let measurement = BenchMeasurement(tickets: tickets, measuredPrefix: Self.measuredPrefix)
        let workerConfiguration = tuning.workerConfiguration(
            kafka: kafka, topics: topics, embeddedBroker: cluster != nil, latencyMeasured: rate > 0, lookupsInPostgres: data.looksUpInPostgres)
        let processor = TicketProcessor(
            profiles: sources.profiles, orders: orders, archetypes: sources.archetypes, desk: SupportDesk(intentModel: reading?.model),
            settings: tuning.processing)
        let worker = TicketWorker(
            configuration: workerConfiguration,
            processor: passThrough ? try await Self.passThrough(sources: sources, orders: orders, samples: warmUpRecords) : processor,
            logger: logger, observer: measurement)
        let workerTask = Task { try await worker.run() }
        // The reader stands for the agents' tool downstream: it fetches as the worker does.
        let reader = try TopicReader(kafka: kafka, topics: [topics.drafts], fetchWaitMax: workerConfiguration.consumer.fetchWaitMax, logger: logger)
        let producer = try KafkaProducer(configuration: ProducerConfiguration(kafka: kafka), logger: logger)

        let clock = ContinuousClock()
        let warmedUp = OneShotSignal()
        let publisher = Task {
            // Warm-up: both consumer groups joined and every code path touched before the clock starts.
            await producer.send(all: warmUpRecords) { _ in }
            await warmedUp.wait()
            let pacing = BenchPacing(rate: rate, start: clock.now)
            for (index, payload) in payloads.enumerated() {
                await measurement.waitForRoom(window: window)
                if let due = pacing.wakeUp(before: index, now: clock.now) { try? await Task.sleep(until: due, clock: .continuous) }
                measurement.sent(index, at: clock.now)
                let record = ProducerRecord(topic: topics.ticketsCreated, key: Array(events[index].ticketID.utf8), value: payload)
                // Not awaited: the draft read back is what the benchmark times; no task is kept per ticket.
                await producer.send(all: [record]) { _ in }
            }
        }
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(max(120, tickets / 200)))
            reader.consumer.stopFetching()
        }
        let prefix = Self.measuredPrefix
        var warmUpDrafts = 0
        await reader.read { message in
            guard let key = message.key.map({ String(decoding: $0, as: UTF8.self) }) else { return true }
            guard key.hasPrefix(prefix), let index = Int(key.dropFirst(prefix.count)) else {
                warmUpDrafts += 1
                if warmUpDrafts == Self.warmUpTickets { warmedUp.signal() }
                return true
            }
            return measurement.drafted(index, at: clock.now) < tickets
        }
        watchdog.cancel()
        publisher.cancel()
        let report = measurement.report(brokerPeakMemoryMegabytes: cluster?.peakMemoryMegabytes(), settings: [
            "tickets": "\(tickets)", "window": "\(window)", "rate": rate == 0 ? "unlimited" : "\(rate)", "partitions": brokers == nil ? "\(partitions)" : "n/a (the given brokers' topics)",
            "max_concurrency": "\(workerConfiguration.maxConcurrentTickets)", "max_in_flight": "\(workerConfiguration.consumer.maxInFlight)", "brokers": brokers ?? "embedded (3, quimbi dev-broker in a child process)",
            "fetch_wait_max_ms": "\(workerConfiguration.consumer.fetchWaitMax.milliseconds)",
            "linger_ms": "\(workerConfiguration.producer.lingerMilliseconds)", "prompt_rate": "\(workerConfiguration.producer.promptSendsPerSecond)",
            "customer_data": data.sourceDescription,
            "orders": data.shopify.isConfigured() ? "shopify" : "customer data", "ticket_deadline_ms": "\(tuning.ticketDeadlineMs)",
            "intent_reading": intentReading.description, "work": passThrough ? "pass-through (a copy of one draft for every ticket)" : "processed",
            "intent_model_missed": reading == nil ? "n/a" : "\(measurement.readByLexiconAlone) tickets read by the lexicon alone (model queue full or past the lookup budget)",
        ])
        workerTask.cancel()
        _ = try? await workerTask.value
        await producer.shutdown()
        await reader.consumer.close()
        await sources.shutdown()
        await reading?.embedder.shutdown()
        print(report)
        guard measurement.completed == tickets else {
            throw ValidationError("only \(measurement.completed) of \(tickets) drafts arrived before the time limit")
        }
    }

    /// The pass-through processor, answering with the first complete draft (read by the lexicon, nothing degraded,
    /// no escalation) of the first of `samples` that has one.
    private static func passThrough(sources: CustomerData, orders: any OrderSource, samples: [ProducerRecord]) async throws -> PassThroughProcessor {
        let processor = TicketProcessor(profiles: sources.profiles, orders: orders, archetypes: sources.archetypes, desk: SupportDesk())
        for sample in samples {
            if case .drafted(let draft, nil) = await processor.process(sample.value, receivedAt: Date()), draft.context.degraded.isEmpty {
                return PassThroughProcessor(template: draft)
            }
        }
        throw ValidationError("no sample ticket was drafted complete and unescalated, to answer every ticket with under --pass-through")
    }
}
