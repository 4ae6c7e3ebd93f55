import Foundation
import QuimbiCore
import QuimbiKafka

/// Turns output events into Kafka records: key = ticket id, JSON value, CloudEvents 1.0 binary-mode
/// headers (`ce_specversion`, `ce_id`, `ce_type`, `ce_source`, `ce_time`, `content-type`); drafts
/// and escalations also carry the ticket's helpdesk headers (`ce_helpdesk`, `ce_helpdeskaccount`), which
/// `quimbi deliver` routes by.
struct EventRecords: Sendable {
    /// CloudEvents `type` of each output event.
    enum EventType {
        static let draft = "com.quimbi.support.draft.v1"
        static let escalation = "com.quimbi.support.escalation.v1"
        static let deadLetter = "com.quimbi.support.deadletter.v1"
    }

    let topics: WorkerTopics
    /// CloudEvents `source`.
    let source: String
    /// The headers whose values do not change from record to record, made once (a header's value is an
    /// array of its own, allocated for every record before).
    private let sourceHeader: KafkaHeader
    private static let specVersionHeader = KafkaHeader(name: "ce_specversion", text: "1.0")
    private static let contentTypeHeader = KafkaHeader(name: "content-type", text: "application/json")
    private static let typeHeaders = (
        draft: typeHeader(EventType.draft), escalation: typeHeader(EventType.escalation), deadLetter: typeHeader(EventType.deadLetter)
    )

    init(topics: WorkerTopics, source: String) {
        self.topics = topics
        self.source = source
        sourceHeader = KafkaHeader(name: "ce_source", text: source)
    }

    private static func typeHeader(_ type: String) -> KafkaHeader {
        KafkaHeader(name: "ce_type", text: type)
    }

    func records(for result: TicketResult, original message: KafkaMessage) throws -> [ProducerRecord] {
        switch result {
        case .drafted(let draft, let escalation):
            let helpdesk = message.headers.filter { $0.name == TicketSource.systemHeader || $0.name == TicketSource.accountHeader }
            var records = [
                record(topic: topics.drafts, key: draft.ticketID, id: draft.eventID, type: Self.typeHeaders.draft,
                       time: draft.createdAt, value: try draft.jsonBytes(), extra: helpdesk),
            ]
            if let escalation {
                records.append(record(topic: topics.escalations, key: escalation.ticketID, id: escalation.eventID,
                                      type: Self.typeHeaders.escalation, time: escalation.createdAt, value: try escalation.jsonBytes(),
                                      extra: helpdesk))
            }
            return records
        case .rejected(let rejection):
            return [try deadLetter(for: message, code: rejection.code, message: rejection.message)]
        }
    }

    /// The dead letter of `message`, failed with `code` (a ``TicketRejection`` code, or one of
    /// ``WorkerDeadLetterCode`` when the worker could not encode or publish the ticket's outputs).
    func deadLetter(for message: KafkaMessage, code: String, message reason: String) throws -> ProducerRecord {
        let origin = message.topicPartition
        let letter = DeadLetter(
            eventID: EventIDs.deadLetter(topic: origin.topic, partition: origin.partition, offset: message.offset),
            error: .init(code: code, message: reason),
            original: .init(topic: origin.topic, partition: origin.partition, offset: message.offset, key: message.key, payload: message.value),
            failedAt: Date()
        )
        let key = message.key.map { String(decoding: $0, as: UTF8.self) }
        return record(topic: topics.deadLetters, key: key, id: letter.eventID, type: Self.typeHeaders.deadLetter,
                      time: letter.failedAt, value: try StreamingJSONEncoder().encode(letter))
    }

    private func record(
        topic: String, key: String?, id: String, type: KafkaHeader, time: Date, value: [UInt8], extra: [KafkaHeader] = []
    ) -> ProducerRecord {
        var headers: [KafkaHeader] = []
        headers.reserveCapacity(6 + extra.count)
        headers.append(Self.specVersionHeader)
        headers.append(KafkaHeader(name: "ce_id", text: id))
        headers.append(type)
        headers.append(sourceHeader)
        headers.append(KafkaHeader(name: "ce_time", value: RFC3339.utf8(from: time)))
        headers.append(Self.contentTypeHeader)
        headers.append(contentsOf: extra)
        return ProducerRecord(topic: topic, key: key.map { Array($0.utf8) }, value: value, headers: headers)
    }
}

/// Dead-letter codes of tickets the worker itself gave up (the others are ``TicketRejection`` codes).
enum WorkerDeadLetterCode: String, Sendable {
    /// Kafka refused an output of the ticket for good (too large, topic unknown or not authorized).
    case publishFailed = "publish_failed"
    /// An output of the ticket could not be encoded as JSON (for example a non-finite number).
    case encodeFailed = "encode_failed"
}
