import Logging
import Synchronization

/// A producer whose records leave at once while they are few, and linger to share produce requests when they are many.
///
/// librdkafka's `linger.ms` is fixed for a client's life: a linger costs every record its wait when records are
/// few, and no linger costs a produce request (and wakeups of the brokers' threads) for almost every record when
/// they are many. So this holds two clients: a prompt one without linger, and one that lingers
/// ``ProducerConfiguration/lingerMilliseconds``. A send goes to the prompt one while sends are few: at the pace of
/// ``ProducerConfiguration/promptSendsPerSecond`` at most, over the last full window of ``paceWindow`` and over the
/// current one so far (see ``SendPace``); else to the lingering one, and so does every send under a steady load.
/// The records of one send share a client; records of different sends may be delivered in either order across the two.
///
/// Without a linger, or with ``ProducerConfiguration/promptSendsPerSecond`` below one send a window (under 20), there
/// is one client. The prompt client lingers 0 ms whatever librdkafka properties say (`linger.ms` and its alias
/// `queue.buffering.max.ms` are taken out of its ``KafkaConfiguration/properties``). A fatal error of either client is
/// reported through ``ProducerConfiguration/onFatalError``; each client logs with `client` metadata naming it.
public final class AdaptiveProducer: Sendable {
    let lingering: KafkaProducer
    let prompt: KafkaProducer?
    private let pace: Mutex<SendPace>
    /// The time since the producer started, on its clock.
    private let elapsed: @Sendable () -> Duration

    /// librdkafka's names of the linger, which the prompt client must not take from the properties.
    static let lingerProperties: Set<String> = ["linger.ms", "queue.buffering.max.ms"]

    /// The windows over which the pace of sends is counted: long enough to hold many sends at the prompt pace, short
    /// enough to turn to lingering within a tenth of a second of a load's start.
    static let paceWindow = Duration.milliseconds(50)

    private init(lingering: KafkaProducer, prompt: KafkaProducer?, pace: SendPace, elapsed: @escaping @Sendable () -> Duration) {
        self.lingering = lingering
        self.prompt = prompt
        self.pace = Mutex(pace)
        self.elapsed = elapsed
    }

    /// Creates the client or clients `configuration` asks for, and starts their delivery-report threads; the pace
    /// of sends is measured on `clock`.
    public static func start<C: Clock<Duration>>(
        configuration: ProducerConfiguration, logger: Logger, clock: C = ContinuousClock()
    ) async throws(KafkaError) -> AdaptiveProducer {
        let origin = clock.now
        let elapsed: @Sendable () -> Duration = { origin.duration(to: clock.now) }
        let pace = SendPace(sendsPerSecond: configuration.promptSendsPerSecond, window: paceWindow)
        guard configuration.lingerMilliseconds > 0, pace.limit > 0 else {
            let only = try KafkaProducer(configuration: configuration, logger: logger)
            return AdaptiveProducer(lingering: only, prompt: nil, pace: pace, elapsed: elapsed)
        }
        let lingering = try KafkaProducer(configuration: configuration, logger: logger.with(client: "lingering"))
        var promptConfiguration = configuration
        promptConfiguration.lingerMilliseconds = 0
        promptConfiguration.kafka.properties = configuration.kafka.properties.filter { !lingerProperties.contains($0.key) }
        do {
            let prompt = try KafkaProducer(configuration: promptConfiguration, logger: logger.with(client: "prompt"))
            return AdaptiveProducer(lingering: lingering, prompt: prompt, pace: pace, elapsed: elapsed)
        } catch {
            await lingering.shutdown(timeout: .zero)
            throw error
        }
    }

    /// The client of a send now, which counts in the pace.
    func client() -> KafkaProducer {
        guard let prompt else { return lingering }
        let time = elapsed()
        return pace.withLock { $0.countSend(at: time) } ? prompt : lingering
    }

    /// As ``KafkaProducer/send(_:)``.
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        try await client().send(record)
    }

    /// As ``KafkaProducer/send(all:)``.
    public func send(all records: [ProducerRecord]) async -> [Result<DeliveryReport, KafkaError>] {
        await client().send(all: records)
    }

    /// As ``KafkaProducer/send(all:whenDelivered:)``.
    public func send(
        all records: [ProducerRecord], whenDelivered completion: @escaping @Sendable ([Result<DeliveryReport, UndeliveredRecord>]) -> Void
    ) async {
        await client().send(all: records, whenDelivered: completion)
    }

    /// Shuts both clients down together, as ``KafkaProducer/shutdown(timeout:)``.
    public func shutdown(timeout: Duration) async {
        async let lingeringStopped: Void = lingering.shutdown(timeout: timeout)
        await prompt?.shutdown(timeout: timeout)
        await lingeringStopped
    }
}

extension Logger {
    /// This logger, with `client` metadata naming one of an ``AdaptiveProducer``'s clients.
    fileprivate func with(client: String) -> Logger {
        var logger = self
        logger[metadataKey: "client"] = "\(client)"
        return logger
    }
}
