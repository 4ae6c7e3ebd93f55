import CRdKafka
import Foundation
import Logging
import Synchronization

/// What the application asked of the poll thread.
struct ConsumerRequests: Sendable {
    var stopFetching = false
    var close = false
}

/// The consumer's poll loop, run on its dedicated thread: fetch, hand out, pause under load,
/// commit periodically, and on close commit synchronously and leave the group.
final class ConsumerPoller: Sendable {
    let requests = Mutex(ConsumerRequests())
    /// Times fetching was paused for back-pressure (not counting the pause of stopping).
    let backpressurePauses = Atomic<Int>(0)
    private let handle: KafkaHandle
    private let ledger: PartitionLedger
    private let configuration: ConsumerConfiguration
    private let logger: Logger
    private let receiver: any RecordReceiver

    init(
        handle: KafkaHandle, ledger: PartitionLedger, configuration: ConsumerConfiguration, logger: Logger,
        receiver: any RecordReceiver
    ) {
        self.handle = handle
        self.ledger = ledger
        self.configuration = configuration
        self.logger = logger
        self.receiver = receiver
    }

    func run() {
        let clock = ContinuousClock()
        var lastCommit = clock.now
        var lastLagReport = clock.now
        var pausedPartitions: Set<TopicPartition> = []
        var streamFinished = false
        var fullSince: ContinuousClock.Instant?
        let topicNames = TopicNames()
        let pollTimeout = Int32(max(1, min(100, configuration.commitInterval.milliseconds)))
        while true {
            let request = requests.withLock { $0 }
            if request.close { break }
            if request.stopFetching, !streamFinished {
                receiver.finish()
                streamFinished = true
            }
            var room = configuration.maxInFlight - ledger.unsettled
            fullSince = room > 0 ? nil : fullSince ?? clock.now
            let fullTooLong = fullSince.map { clock.now - $0 >= configuration.pauseAfterHolding } ?? false
            if room < configuration.refillRoom, !fullTooLong, !streamFinished {
                let below = configuration.maxInFlight - configuration.refillRoom + 1
                _ = ledger.waitForRoom(below: below, until: Date().addingTimeInterval(Double(pollTimeout) / 1_000))
                room = configuration.maxInFlight - ledger.unsettled
            }
            // Still full after the wait: no records are taken, librdkafka's prefetch stays in place.
            let holding = room <= 0 && !fullTooLong && !streamFinished
            if !holding {
                pausedPartitions = applyBackpressure(stopping: request.stopFetching, fullTooLong: fullTooLong, paused: pausedPartitions)
                let limit = room > 0 ? min(configuration.maxBatch, room) : configuration.maxBatch
                let batch = poll(timeoutMilliseconds: pollTimeout, handOut: !streamFinished, limit: limit, topicNames: topicNames)
                if !batch.isEmpty { receiver.receive(batch) }
            }
            if clock.now - lastCommit >= configuration.commitInterval {
                commit(async: true)
                lastCommit = clock.now
            }
            if let reporter = configuration.lagReporter, clock.now - lastLagReport >= .seconds(1) {
                reporter(lag())
                lastLagReport = clock.now
            }
        }
        commit(async: false)
        let error = rd_kafka_consumer_close(handle.pointer)
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close reported an error", metadata: ["error": "\(String(cString: rd_kafka_err2str(error)))"])
        }
        handle.destroy()
        if !streamFinished { receiver.finish() }
    }

    /// Pauses every assigned partition when stopping or when the in-flight limit was reached longer
    /// than ``ConsumerConfiguration/pauseAfterHolding`` ago; resumes at half the limit. With nothing paused
    /// and nothing to pause it reads no partition list (the loop runs for every fetch: at moderate rates,
    /// for every record or two).
    private func applyBackpressure(stopping: Bool, fullTooLong: Bool, paused: Set<TopicPartition>) -> Set<TopicPartition> {
        let shouldPause = stopping || fullTooLong || (!paused.isEmpty && ledger.unsettled > configuration.maxInFlight / 2)
        guard shouldPause || !paused.isEmpty else { return [] }
        let assigned = Set(ledger.assigned)
        if shouldPause {
            let newlyPaused = assigned.subtracting(paused)
            if !stopping, paused.isEmpty, !newlyPaused.isEmpty { backpressurePauses.add(1, ordering: .relaxed) }
            TopicPartitionList.setPaused(handle.pointer, Array(newlyPaused), paused: true)
            return assigned
        }
        TopicPartitionList.setPaused(handle.pointer, Array(paused.intersection(assigned)), paused: false)
        return []
    }

    /// Waits up to the timeout for the first record, then takes what else is ready, up to `limit`.
    /// Without `handOut` (fetching stopped) it only serves librdkafka's callbacks: records fetched
    /// before the pause are dropped, never handed out and never committed.
    private func poll(timeoutMilliseconds: Int32, handOut: Bool, limit: Int, topicNames: TopicNames) -> [KafkaMessage] {
        var timeout = timeoutMilliseconds
        let next = { () -> KafkaMessage? in
            while let message = rd_kafka_consumer_poll(self.handle.pointer, timeout) {
                timeout = 0
                defer { rd_kafka_message_destroy(message) }
                if let converted = self.convert(message, topicNames: topicNames) { return converted }
            }
            return nil
        }
        if handOut { return Self.collect(limit: limit, ledger: ledger, next: next) }
        var dropped = 0
        while dropped < configuration.maxBatch, next() != nil { dropped += 1 }
        return []
    }

    /// Takes records from `next` (`nil`: none ready) up to `limit`, each tracked in `ledger` as it
    /// arrives, and returns those still current. `next` may serve a rebalance (librdkafka runs the
    /// rebalance callback inside its poll): a record taken before it keeps the generation it was
    /// fetched in, so a revoke drops it (the new assignment fetches it again) instead of the new
    /// generation adopting it.
    static func collect(limit: Int, ledger: PartitionLedger, next: () -> KafkaMessage?) -> [KafkaMessage] {
        var held: [KafkaMessage] = []
        var taken = 0
        while taken < limit, let message = next() {
            taken += 1
            if let tracked = ledger.track(message) { held.append(tracked) }
        }
        return ledger.handOut(held)
    }

    private func convert(_ message: UnsafeMutablePointer<rd_kafka_message_t>, topicNames: TopicNames) -> KafkaMessage? {
        let record = message.pointee
        guard record.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            if record.err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                logger.warning("consumer error", metadata: ["error": "\(String(cString: rd_kafka_message_errstr(message)))"])
            }
            return nil
        }
        let topic = record.rkt.map { topicNames.name(of: $0) } ?? ""
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return KafkaMessage(
            topicPartition: TopicPartition(topic: topic, partition: record.partition),
            offset: record.offset, key: NativeMessage.key(of: message), value: NativeMessage.value(of: message),
            headers: NativeHeaders.read(message),
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }

    /// Lag per assigned partition from librdkafka's cached high watermarks (no broker round trip):
    /// the end offset minus the first unfinished offset, or minus the fetch position when nothing
    /// was handed out yet. Partitions whose end is not known yet are left out.
    private func lag() -> [TopicPartition: Int64] {
        var result: [TopicPartition: Int64] = [:]
        for (partition, firstUnfinished) in ledger.firstUnfinished() {
            var low: Int64 = 0
            var high: Int64 = 0
            let known = rd_kafka_get_watermark_offsets(handle.pointer, partition.topic, partition.partition, &low, &high)
            guard known == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { continue }
            guard let start = firstUnfinished ?? position(partition) else { continue }
            result[partition] = max(0, high - start)
        }
        return result
    }

    private func position(_ partition: TopicPartition) -> Int64? {
        guard let list = rd_kafka_topic_partition_list_new(1) else { return nil }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)
        guard rd_kafka_position(handle.pointer, list) == RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        let offset = list.pointee.elems[0].offset
        return offset >= 0 ? offset : nil
    }

    private func commit(async: Bool) {
        let offsets = ledger.committable()
        guard !offsets.isEmpty else { return }
        let error = TopicPartitionList.commit(handle.pointer, offsets, async: async)
        if error == RD_KAFKA_RESP_ERR_NO_ERROR {
            ledger.markCommitted(offsets)
        } else {
            logger.warning("offset commit failed", metadata: ["error": "\(String(cString: rd_kafka_err2str(error)))"])
        }
    }
}
