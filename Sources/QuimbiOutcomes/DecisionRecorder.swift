import CoreMetrics
import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiStore
import ServiceLifecycle
import Synchronization

/// `quimbi outcomes`: a consumer group on the drafts topic that records every decision in
/// PostgreSQL (``DecisionRepository``), idempotent on the draft's event id.
///
/// A batch's offsets are committed only after its decisions are written: while PostgreSQL is
/// unreachable the recorder retries with back-off and fetching waits behind it, so nothing is lost;
/// a restart or rebalance replays what was not committed, and a replay writes nothing twice. A record
/// that is not a draft-response event is counted, logged with the code `undecodable_draft`, and passed.
public final class DecisionRecorder: Service, Sendable {
    private let configuration: DecisionRecorderConfiguration
    private let repository: DecisionRepository
    private let logger: Logger
    private let counts = Mutex(DecisionRecorderCounts())
    private let metrics: DecisionMetrics
    private let stopping = Atomic(false)

    /// A recorder writing through `repository`, its metrics (``DecisionMetrics``) recorded with `metrics`.
    public init(
        configuration: DecisionRecorderConfiguration, repository: DecisionRepository, logger: Logger,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.configuration = configuration
        self.repository = repository
        self.logger = logger
        self.metrics = DecisionMetrics(factory: metrics)
    }

    /// What the recorder has done so far.
    public var counted: DecisionRecorderCounts { counts.withLock { $0 } }

    /// Checks the table (a missing migration stops the command at once; an unreachable PostgreSQL does
    /// not: writes wait for it), then records until shut down.
    public func run() async throws {
        do {
            try await repository.verifyTable()
        } catch let error as StoreError where error.isTransient {
            logger.warning("PostgreSQL unreachable at start; decisions wait for it", metadata: ["error": "\(error)"])
        }
        let consumer = try KafkaConsumer(configuration: configuration.consumer, logger: logger)
        logger.info("decision recorder started", metadata: ["topics": "\(configuration.consumer.topics)"])
        await withGracefulShutdownHandler {
            for await batch in consumer.batches {
                await record(batch, consumer: consumer)
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            consumer.stopFetching()
        }
        await consumer.close()
        logger.info("decision recorder stopped", metadata: ["recorded": "\(counted.decisions)"])
    }

    /// Records the decisions of `batch` and finishes its records; if the recorder stops first, the
    /// batch is given up uncommitted, for the next owner or run.
    private func record(_ batch: [KafkaMessage], consumer: KafkaConsumer) async {
        let started = batch.filter { consumer.beginProcessing($0) }
        var decisions: [RetentionDecision] = []
        var undecodable = 0
        let decoder = QuimbiJSON.makeDecoder()
        for message in started {
            do {
                decisions.append(RetentionDecision(draft: try decoder.decode(DraftResponse.self, from: Data(message.value))))
            } catch {
                undecodable += 1
                logger.error("undecodable_draft: record passed", metadata: [
                    "partition": "\(message.topicPartition)", "offset": "\(message.offset)", "error": "\(error)",
                ])
            }
        }
        guard let written = await write(decisions) else {
            logger.warning("recorder stopping; decisions not written stay uncommitted", metadata: ["records": "\(started.count)"])
            started.forEach(consumer.abandon)
            return
        }
        counts.withLock {
            $0.decisions += written
            $0.undecodable += undecodable
        }
        metrics.decisions("recorded", written)
        metrics.decisions("undecodable", undecodable)
        started.forEach(consumer.finish)
    }

    /// Writes `decisions` and returns how many were recorded; when PostgreSQL refuses the batch for
    /// good, each decision is tried alone, and one refused alone is counted and passed
    /// (`unrecordable_decision`). `nil` when the recorder stops before the decisions are written.
    private func write(_ decisions: [RetentionDecision]) async -> Int? {
        switch await attempt(decisions) {
        case .written: return decisions.count
        case .stopped: return nil
        case .refused: break
        }
        var written = 0
        for decision in decisions {
            switch await attempt([decision]) {
            case .written: written += 1
            case .stopped: return nil
            case .refused(let error):
                counts.withLock { $0.unrecordable += 1 }
                metrics.decisions("unrecordable", 1)
                logger.error("unrecordable_decision: passed", metadata: ["draft_event_id": "\(decision.draftEventID)", "error": "\(error)"])
            }
        }
        return written
    }

    private enum Attempt {
        case written
        case refused(StoreError)
        case stopped
    }

    /// One write, tried again after a back-off for as long as its failure is transient and the recorder runs.
    private func attempt(_ decisions: [RetentionDecision]) async -> Attempt {
        var failures = 0
        while true {
            do {
                try await repository.record(decisions)
                return .written
            } catch let error as StoreError where !error.isTransient {
                return .refused(error)
            } catch {
                failures += 1
                counts.withLock { $0.failedWrites += 1 }
                metrics.writeFailed()
                guard !stopping.load(ordering: .relaxed), !Task.isCancelled,
                      let wait = configuration.retry.wait(for: .backOff, afterFailures: failures) else { return .stopped }
                logger.warning("writing decisions failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(wait)"])
                await configuration.backoffSleep(wait)
            }
        }
    }
}
