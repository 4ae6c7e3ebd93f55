import Foundation
import Testing
@testable import QuimbiKafka

/// How the poll thread tracks the records it hands out when librdkafka serves a rebalance between
/// two records of one batch (its rebalance callback runs inside `rd_kafka_consumer_poll`).
@Suite struct RecordTrackingTests {
    let partition = TopicPartition(topic: "t", partition: 0)

    private func record(_ offset: Int64) -> KafkaMessage {
        KafkaMessage(topicPartition: partition, offset: offset, key: nil, value: [], headers: [], timestampMilliseconds: nil)
    }

    @Test func aRecordPolledBeforeARebalanceInsideTheBatchIsNotStampedWithTheNewGeneration() {
        let ledger = PartitionLedger()
        ledger.assign([partition])
        var calls = 0
        var revokeWaitedFor = -1
        let batch = ConsumerPoller.collect(limit: 16, ledger: ledger) { () -> KafkaMessage? in
            calls += 1
            switch calls {
            case 1:
                return record(5)
            case 2:
                // This poll serves a revoke and a new assignment of the same partition before it
                // returns; the fetch restarts from the committed offset, so offset 5 comes again.
                revokeWaitedFor = ledger.beginRevoke([partition], deadline: Date())
                ledger.endRevoke([partition])
                ledger.assign([partition])
                return record(5)
            case 3:
                return record(6)
            default:
                return nil
            }
        }
        #expect(revokeWaitedFor == 0, "the revoke does not wait for a record the poll thread itself still holds")
        #expect(batch.map(\.offset) == [5, 6], "offset 5 is handed out once, from the new assignment")
        #expect(batch.allSatisfy { ledger.isCurrent($0) })
        #expect(ledger.unsettled == 2)
    }
}
