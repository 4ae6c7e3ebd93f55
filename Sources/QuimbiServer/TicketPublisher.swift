import Foundation
import QuimbiCore
import QuimbiKafka

/// Where accepted webhook tickets go.
public protocol TicketPublishing: Sendable {
    /// Publishes `ticket` (whose validated JSON is `payload`) and returns after the durable acknowledgement.
    func publish(_ ticket: TicketCreated, payload: [UInt8]) async throws
}

/// Publishes tickets to Kafka: key = ticket id, CloudEvents 1.0 binary-mode headers, and the helpdesk
/// the ticket came from (`ce_helpdesk`, `ce_helpdeskaccount`) when its `source` names one.
public struct KafkaTicketPublisher: TicketPublishing {
    /// CloudEvents `type` of a ticket-created event.
    public static let eventType = "com.quimbi.support.ticket.created.v1"
    private let producer: KafkaProducer
    private let topic: String
    private let source: String

    /// A publisher sending to `topic` with CloudEvents `source`.
    public init(producer: KafkaProducer, topic: String, source: String = "quimbi-api") {
        self.producer = producer
        self.topic = topic
        self.source = source
    }

    public func publish(_ ticket: TicketCreated, payload: [UInt8]) async throws {
        var headers = [
            KafkaHeader(name: "ce_specversion", text: "1.0"),
            KafkaHeader(name: "ce_id", text: ticket.eventID),
            KafkaHeader(name: "ce_type", text: Self.eventType),
            KafkaHeader(name: "ce_source", text: source),
            KafkaHeader(name: "ce_time", text: RFC3339.string(from: ticket.createdAt)),
            KafkaHeader(name: "content-type", text: "application/json"),
        ]
        if let system = ticket.source?.system { headers.append(KafkaHeader(name: TicketSource.systemHeader, text: system)) }
        if let account = ticket.source?.account { headers.append(KafkaHeader(name: TicketSource.accountHeader, text: account)) }
        let record = ProducerRecord(topic: topic, key: Array(ticket.ticketID.utf8), value: payload, headers: headers)
        _ = try await producer.send(record)
    }
}
