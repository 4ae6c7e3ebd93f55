import ArgumentParser
import QuimbiKafka
import QuimbiWorker

/// Kafka connection and topic flags shared by the commands that talk to Kafka.
struct KafkaOptions: ParsableArguments {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port…] (QUIMBI_BROKERS). Extra librdkafka settings: QUIMBI_KAFKA_<key with dots as underscores>.")
    var brokers: String = EnvironmentDefaults.string("QUIMBI_BROKERS", default: "localhost:9092")

    @Option(help: "Topic of ticket-created events (QUIMBI_TICKETS_TOPIC).")
    var ticketsTopic: String = EnvironmentDefaults.string("QUIMBI_TICKETS_TOPIC", default: WorkerTopics().ticketsCreated)

    @Option(help: "Topic of draft-response events (QUIMBI_DRAFTS_TOPIC).")
    var draftsTopic: String = EnvironmentDefaults.string("QUIMBI_DRAFTS_TOPIC", default: WorkerTopics().drafts)

    @Option(help: "Topic of escalation events (QUIMBI_ESCALATIONS_TOPIC).")
    var escalationsTopic: String = EnvironmentDefaults.string("QUIMBI_ESCALATIONS_TOPIC", default: WorkerTopics().escalations)

    @Option(help: "Dead-letter topic (QUIMBI_DLQ_TOPIC).")
    var dlqTopic: String = EnvironmentDefaults.string("QUIMBI_DLQ_TOPIC", default: WorkerTopics().deadLetters)

    var topics: WorkerTopics {
        WorkerTopics(ticketsCreated: ticketsTopic, drafts: draftsTopic, escalations: escalationsTopic, deadLetters: dlqTopic)
    }

    /// Connection settings with the QUIMBI_KAFKA_* pass-through properties.
    func kafka(brokers override: String? = nil) -> KafkaConfiguration {
        KafkaConfiguration(
            bootstrapServers: override ?? brokers, clientID: "quimbi",
            properties: KafkaConfiguration.properties(fromEnvironment: EnvironmentDefaults.environment))
    }

    func validate() throws {
        for topic in topics.all where topic.isEmpty || topic.count > 249 {
            throw ValidationError("topic names must have 1 to 249 characters")
        }
        guard !brokers.isEmpty else { throw ValidationError("--brokers must not be empty") }
    }
}

/// Flags that size the worker.
struct WorkerTuningOptions: ParsableArguments {
    @Option(help: "Consumer group of the worker replicas (QUIMBI_GROUP).")
    var group: String = EnvironmentDefaults.string("QUIMBI_GROUP", default: "quimbi-worker")

    @Option(help: "Tickets processed at the same time (QUIMBI_MAX_CONCURRENCY); tickets whose outputs only await the brokers' acknowledgement do not count. 128 by default; 512 when customers and their orders are looked up in PostgreSQL (--postgres, with or without --redis), where a ticket mostly waits for round trips; at most --max-in-flight.")
    var maxConcurrency: Int?

    @Option(help: "Tickets taken from Kafka and not yet finished (QUIMBI_MAX_IN_FLIGHT): waiting for a lane, processed, or waiting for their outputs' acknowledgement; the consumer takes no more records at this many. 1024 by default, or --max-concurrency when that is more; at least --max-concurrency.")
    var maxInFlight: Int?

    @Option(help: "Per-ticket deadline in milliseconds (QUIMBI_TICKET_DEADLINE_MS).")
    var ticketDeadlineMs: Int = EnvironmentDefaults.int("QUIMBI_TICKET_DEADLINE_MS", default: 2_500)

    @Option(help: "Longest a ticket waits for the intent model in milliseconds, within its lookup budget (QUIMBI_INTENT_BUDGET_MS); past it the lexicon reads alone.")
    var intentBudgetMs: Int = EnvironmentDefaults.int("QUIMBI_INTENT_BUDGET_MS", default: 300)

    @Option(help: "Longest wait of a fetch at the broker in milliseconds (QUIMBI_FETCH_WAIT_MAX_MS); 100 by default; on the embedded broker, which holds an empty fetch for the whole wait, 5, and 2 in a paced quimbi bench (--rate), which measures latency.")
    var fetchWaitMaxMs: Int?

    @Option(help: "Longest a draft or escalation waits to share a produce request with others in milliseconds, once tickets come faster than --prompt-rate (QUIMBI_LINGER_MS); 0 sends each at once.")
    var lingerMs: Int = EnvironmentDefaults.int("QUIMBI_LINGER_MS", default: Self.defaultLingerMs)

    /// The worker's linger under load: the lingering client's requests then carry the outputs of 20 ms of tickets
    /// whatever the pace. At librdkafka's 5 ms, a worker over PostgreSQL and Redis (13,000 tickets a second, its
    /// outputs finishing a lookup batch at a time) spent 17–27 µs of its brokers' threads a ticket against 6–10 in
    /// memory at twice the pace; at 20 ms, 8.6–9.3 µs. Tickets that come slower than `--prompt-rate` do not wait
    /// for it: their outputs leave at once.
    static let defaultLingerMs = 20

    @Option(help: "Tickets a second whose outputs leave at once, without the linger (QUIMBI_PROMPT_RATE): while tickets come at no more than this pace each one's draft leaves as soon as it is written; faster, under load, outputs linger to share produce requests. 0: every output lingers.")
    var promptRate: Int = EnvironmentDefaults.int("QUIMBI_PROMPT_RATE", default: 3_000)

    @Option(help: "Upper bound of a graceful shutdown in seconds (QUIMBI_SHUTDOWN_TIMEOUT_S).")
    var shutdownTimeoutS: Int = EnvironmentDefaults.int("QUIMBI_SHUTDOWN_TIMEOUT_S", default: 20)

    func validate() throws {
        if let given = givenMaxConcurrency, !(1...100_000).contains(given) { throw ValidationError("--max-concurrency must be 1…100000") }
        if let given = givenMaxInFlight, !((givenMaxConcurrency ?? 1)...1_000_000).contains(given) {
            throw ValidationError(givenMaxConcurrency == nil ? "--max-in-flight must be 1…1000000" : "--max-in-flight must be --max-concurrency…1000000")
        }
        guard (50...120_000).contains(ticketDeadlineMs) else { throw ValidationError("--ticket-deadline-ms must be 50…120000") }
        guard (1...120_000).contains(intentBudgetMs) else { throw ValidationError("--intent-budget-ms must be 1…120000") }
        guard (1...600).contains(shutdownTimeoutS) else { throw ValidationError("--shutdown-timeout-s must be 1…600") }
        if let fetchWaitMaxMs = givenFetchWaitMaxMs, !(0...10_000).contains(fetchWaitMaxMs) { throw ValidationError("--fetch-wait-max-ms must be 0…10000") }
        guard (0...1_000).contains(lingerMs) else { throw ValidationError("--linger-ms must be 0…1000") }
        // Under 20 a second, not one send fits in a window of 50 ms (AdaptiveProducer): refused rather than read as 0.
        guard promptRate == 0 || (20...1_000_000).contains(promptRate) else { throw ValidationError("--prompt-rate must be 0 or 20…1000000") }
        guard !group.isEmpty else { throw ValidationError("--group must not be empty") }
    }

    var processing: ProcessingSettings {
        ProcessingSettings(
            ticketDeadline: .milliseconds(ticketDeadlineMs), lookupBudget: .milliseconds(ticketDeadlineMs / 2),
            intentBudget: .milliseconds(intentBudgetMs))
    }

    /// `--max-concurrency`, or else `QUIMBI_MAX_CONCURRENCY`; nil when neither is set.
    private var givenMaxConcurrency: Int? {
        maxConcurrency ?? EnvironmentDefaults.int("QUIMBI_MAX_CONCURRENCY")
    }

    /// The concurrency to use: the one given, else 128 when lookups answer from memory (a ticket then keeps a
    /// core busy the whole time it is processed) and 512 when they go to PostgreSQL (a ticket then mostly waits
    /// for round trips: over PostgreSQL and Redis, 6,870–7,922 tickets/s with 128 against 8,267–9,162 with 512
    /// in one sitting), but no more than a given in-flight limit. Orders from Shopify keep 128: more tickets at
    /// once would only queue on the shop's rate limit, and time out there.
    private func concurrency(lookupsInPostgres: Bool) -> Int {
        givenMaxConcurrency ?? min(lookupsInPostgres ? 512 : 128, givenMaxInFlight ?? .max)
    }

    /// `--max-in-flight`, or else `QUIMBI_MAX_IN_FLIGHT`; nil when neither is set.
    private var givenMaxInFlight: Int? {
        maxInFlight ?? EnvironmentDefaults.int("QUIMBI_MAX_IN_FLIGHT")
    }

    /// The in-flight limit to use: the one given, else 1,024 (enough for the 10–40 ms the acknowledgements take at
    /// saturation), or the concurrency when that is more, so that raising the concurrency alone stays valid.
    private func inFlightLimit(concurrency: Int) -> Int {
        givenMaxInFlight ?? max(1_024, concurrency)
    }

    /// `--fetch-wait-max-ms`, or else `QUIMBI_FETCH_WAIT_MAX_MS`; nil when neither is set.
    private var givenFetchWaitMaxMs: Int? {
        fetchWaitMaxMs ?? EnvironmentDefaults.int("QUIMBI_FETCH_WAIT_MAX_MS")
    }

    /// The fetch wait to use: the one given, else 100 ms on real brokers (which answer as soon as records arrive),
    /// and on the embedded broker (librdkafka's mock broker answers an empty fetch only when the wait is over, even
    /// if records arrive meanwhile) 5 ms, or 2 ms where latency is measured: each hop from a producer to a consumer
    /// then waits up to 2 ms that it would not wait on real brokers, instead of 5 (over 30,000 tickets at 2,000 a
    /// second with the worker's other defaults, a p99 of 7.2–8.8 ms against 12.9 and 13.5).
    private func fetchWaitMaxMs(embeddedBroker: Bool, latencyMeasured: Bool) -> Int {
        givenFetchWaitMaxMs ?? (embeddedBroker ? (latencyMeasured ? 2 : 5) : 100)
    }

    /// The worker's configuration; `lookupsInPostgres` sets the default concurrency (``concurrency(lookupsInPostgres:)``),
    /// `embeddedBroker` and `latencyMeasured` the default fetch wait (``fetchWaitMaxMs(embeddedBroker:latencyMeasured:)``).
    func workerConfiguration(
        kafka: KafkaConfiguration, topics: WorkerTopics, embeddedBroker: Bool = false, latencyMeasured: Bool = false, lookupsInPostgres: Bool
    ) -> WorkerConfiguration {
        let concurrency = concurrency(lookupsInPostgres: lookupsInPostgres)
        return WorkerConfiguration(
            consumer: ConsumerConfiguration(
                kafka: kafka, groupID: group, topics: [topics.ticketsCreated], maxInFlight: inFlightLimit(concurrency: concurrency),
                fetchWaitMax: .milliseconds(fetchWaitMaxMs(embeddedBroker: embeddedBroker, latencyMeasured: latencyMeasured))),
            producer: ProducerConfiguration(kafka: kafka, lingerMilliseconds: lingerMs, promptSendsPerSecond: promptRate),
            topics: topics, maxConcurrentTickets: concurrency, shutdownTimeout: .seconds(shutdownTimeoutS))
    }
}
