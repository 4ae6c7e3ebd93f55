import CRdKafka
import Foundation
import Logging
import Synchronization

/// A consumer-group member that hands records out in batches and commits, per partition, only up
/// to the highest offset below which every handed-out record is finished.
///
/// A dedicated thread polls librdkafka (no fixed sleeps: `rd_kafka_consumer_poll` returns as soon as
/// a record arrives) and serves rebalances inside librdkafka's rebalance callback: on revoke it stops
/// new work on the revoked partitions, waits (bounded) for their in-flight records, commits what is
/// finished, and only then lets the partitions go. At the in-flight limit it stops taking records
/// (librdkafka's prefetch stays in place), and pauses fetching only when the limit lasts.
public final class KafkaConsumer: Sendable {
    /// Batches of records, in offset order per partition. Ends after ``stopFetching()``. Empty (already
    /// ended) when the consumer hands its records to a ``RecordReceiver`` instead.
    public let batches: AsyncStream<[KafkaMessage]>

    private let handle: KafkaHandle
    private let ledger: PartitionLedger
    private let poller: ConsumerPoller
    private let pollerStopped: OneShotSignal
    private let context: RebalanceContext

    /// Creates the consumer, subscribes to the configured topics and starts polling; records come as ``batches``.
    public convenience init(configuration: ConsumerConfiguration, logger: Logger) throws(KafkaError) {
        let (stream, continuation) = AsyncStream<[KafkaMessage]>.makeStream()
        try self.init(configuration: configuration, logger: logger, receiver: StreamReceiver(continuation: continuation), batches: stream)
    }

    /// Creates the consumer, subscribes to the configured topics and starts polling; the poll thread hands
    /// every batch of records to `receiver` (``batches`` stays empty).
    public convenience init(configuration: ConsumerConfiguration, logger: Logger, receiver: any RecordReceiver) throws(KafkaError) {
        try self.init(configuration: configuration, logger: logger, receiver: receiver, batches: AsyncStream { $0.finish() })
    }

    private init(
        configuration: ConsumerConfiguration, logger: Logger, receiver: any RecordReceiver, batches: AsyncStream<[KafkaMessage]>
    ) throws(KafkaError) {
        var logger = logger
        logger[metadataKey: "group"] = "\(configuration.groupID)"
        var defaults = [
            ("group.id", configuration.groupID),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            ("auto.offset.reset", configuration.autoOffsetReset),
            ("enable.partition.eof", "false"),
            ("fetch.wait.max.ms", String(configuration.fetchWaitMax.milliseconds)),
            ("socket.timeout.ms", String(configuration.socketTimeout.milliseconds)),
            ("queued.min.messages", String(configuration.prefetchMessages)),
            ("queued.max.messages.kbytes", "65536"),
        ]
        if let timeout = configuration.sessionTimeout {
            defaults.append(("session.timeout.ms", String(timeout.milliseconds)))
            defaults.append(("heartbeat.interval.ms", String(max(100, timeout.milliseconds / 6))))
        }
        let conf = try configuration.kafka.makeNativeConfiguration(defaults: defaults)
        let ledger = PartitionLedger()
        let context = RebalanceContext(
            ledger: ledger, grace: configuration.revokeGracePeriod, observer: configuration.assignmentObserver, logger: logger)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_rebalance_cb(conf, { rk, error, partitions, opaque in
            guard let rk, let opaque else { return }
            Unmanaged<RebalanceContext>.fromOpaque(opaque).takeUnretainedValue().rebalance(rk, error, partitions)
        })
        rd_kafka_conf_set_offset_commit_cb(conf, { _, error, _, opaque in
            guard error != RD_KAFKA_RESP_ERR_NO_ERROR, error != RD_KAFKA_RESP_ERR__NO_OFFSET, let opaque else { return }
            Unmanaged<RebalanceContext>.fromOpaque(opaque).takeUnretainedValue().commitFailed(error)
        })
        let handle = try KafkaHandle(type: RD_KAFKA_CONSUMER, configuration: conf)
        rd_kafka_poll_set_consumer(handle.pointer)
        do {
            try Self.subscribe(handle, to: configuration.topics)
        } catch {
            handle.destroy()
            throw error
        }
        self.batches = batches
        self.ledger = ledger
        self.handle = handle
        self.context = context
        let poller = ConsumerPoller(handle: handle, ledger: ledger, configuration: configuration, logger: logger, receiver: receiver)
        self.poller = poller
        pollerStopped = DedicatedThread.run(name: "consumer-poll") { [context] in
            withExtendedLifetime(context) { poller.run() }
        }
    }

    private static func subscribe(_ handle: KafkaHandle, to topics: [String]) throws(KafkaError) {
        guard let list = rd_kafka_topic_partition_list_new(Int32(topics.count)) else {
            throw KafkaError(.subscribeFailed, "could not allocate the topic list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics { rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA) }
        let error = rd_kafka_subscribe(handle.pointer, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(.subscribeFailed, "subscribe to \(topics.joined(separator: ","))", error: error)
        }
    }

    /// Whether processing of `message` should start (false once its partition is being revoked).
    /// When false the record is abandoned: the new owner processes it.
    public func beginProcessing(_ message: KafkaMessage) -> Bool {
        if ledger.mayStart(message) { return true }
        ledger.abandon(message)
        return false
    }

    /// Whether `message`'s partition is still assigned to this consumer in the same generation,
    /// i.e. whether publishing its results now is not a duplicate of the new owner's work.
    public func isCurrent(_ message: KafkaMessage) -> Bool {
        ledger.isCurrent(message)
    }

    /// Marks a record fully processed: its offset may now be committed once all before it are.
    public func finish(_ message: KafkaMessage) {
        ledger.finish(message)
    }

    /// Gives a record up (for example when its partition was revoked mid-processing).
    public func abandon(_ message: KafkaMessage) {
        ledger.abandon(message)
    }

    /// Records handed out and not yet finished or abandoned.
    public var inFlight: Int { ledger.unsettled }

    /// How many times fetching paused because too much was in flight for too long (librdkafka drops
    /// what it prefetched for a paused partition, and fetches again up to a second after the resume).
    public var backpressurePauses: Int { poller.backpressurePauses.load(ordering: .relaxed) }

    /// Partitions currently assigned.
    public var assignment: [TopicPartition] { ledger.assigned }

    /// The value of librdkafka property `name` as the client runs with it, `nil` if unknown. Only before
    /// ``close()``: the client is gone after.
    func nativeProperty(_ name: String) -> String? {
        guard let conf = rd_kafka_conf(handle.pointer) else { return nil }
        var size = 0
        guard rd_kafka_conf_get(conf, name, nil, &size) == RD_KAFKA_CONF_OK else { return nil }
        var buffer = [CChar](repeating: 0, count: size)
        guard rd_kafka_conf_get(conf, name, &buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
        return text(ofCBuffer: buffer)
    }

    /// Stops fetching: partitions are paused and ``batches`` ends (the receiver is told it is finished)
    /// after what was already handed out.
    public func stopFetching() {
        poller.requests.withLock { $0.stopFetching = true }
    }

    /// Commits finished progress synchronously, leaves the group and releases the client.
    /// Call after in-flight records are finished (or given up).
    public func close() async {
        poller.requests.withLock {
            $0.stopFetching = true
            $0.close = true
        }
        await pollerStopped.wait()
    }
}

/// State the C rebalance and commit callbacks reach through librdkafka's opaque pointer.
final class RebalanceContext: Sendable {
    let ledger: PartitionLedger
    let grace: Duration
    let observer: (@Sendable (AssignmentChange) -> Void)?
    let logger: Logger

    init(ledger: PartitionLedger, grace: Duration, observer: (@Sendable (AssignmentChange) -> Void)?, logger: Logger) {
        self.ledger = ledger
        self.grace = grace
        self.observer = observer
        self.logger = logger
    }

    /// Runs on the poll thread, inside librdkafka's rebalance callback.
    func rebalance(_ rk: OpaquePointer, _ error: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let partitions = list.map(TopicPartitionList.read) ?? []
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        switch error {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            ledger.assign(partitions)
            logger.info("partitions assigned", metadata: ["partitions": "\(partitions.map(\.description).sorted())"])
            if cooperative {
                rd_kafka_error_destroy(rd_kafka_incremental_assign(rk, list))
            } else {
                rd_kafka_assign(rk, list)
            }
            observer?(.assigned(partitions))
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(rk) != 0
            if !lost {
                let deadline = Date().addingTimeInterval(Double(grace.milliseconds) / 1_000)
                let abandoned = ledger.beginRevoke(partitions, deadline: deadline)
                if abandoned > 0 {
                    logger.warning("revoke grace period over; in-flight records left to the new owner", metadata: ["records": "\(abandoned)"])
                }
                let offsets = ledger.committable(only: Set(partitions))
                if !offsets.isEmpty, TopicPartitionList.commit(rk, offsets, async: false) == RD_KAFKA_RESP_ERR_NO_ERROR {
                    ledger.markCommitted(offsets)
                }
            }
            ledger.endRevoke(partitions)
            logger.info("partitions revoked", metadata: ["partitions": "\(partitions.map(\.description).sorted())", "lost": "\(lost)"])
            if cooperative {
                rd_kafka_error_destroy(rd_kafka_incremental_unassign(rk, list))
            } else {
                rd_kafka_assign(rk, nil)
            }
            observer?(.revoked(partitions))
        default:
            logger.error("rebalance failed", metadata: ["error": "\(String(cString: rd_kafka_err2str(error)))"])
            let dropped = ledger.assigned
            ledger.endRevoke(dropped)
            rd_kafka_assign(rk, nil)
            observer?(.revoked(dropped))
        }
    }

    /// An asynchronous commit failed: send every offset again on the next commit.
    func commitFailed(_ error: rd_kafka_resp_err_t) {
        logger.warning("offset commit failed; will retry", metadata: ["error": "\(String(cString: rd_kafka_err2str(error)))"])
        ledger.forgetCommits()
    }
}
