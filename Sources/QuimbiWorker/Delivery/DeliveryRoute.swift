import Foundation
import QuimbiCore
import QuimbiHelpdesk
import QuimbiKafka

/// What to do with one record of the drafts or escalations topic.
enum DeliveryRoute {
    /// Write `note` in `lane`, with its sender.
    case write(HelpdeskNote, system: String, lane: DeliveryLane)
    /// The ticket came from no configured helpdesk.
    case skip(system: String)
    /// The record can never become a note.
    case deadLetter(DeliveryError, system: String)

    /// The route of `message`: by its `ce_helpdesk` header, then by its topic's event type.
    static func of(_ message: KafkaMessage, topics: WorkerTopics, lanes: [String: DeliveryLane]) -> DeliveryRoute {
        let system = message.header(TicketSource.systemHeader) ?? "none"
        guard let lane = lanes[system] else { return .skip(system: system) }
        do {
            let decoder = QuimbiJSON.makeDecoder()
            let bytes = Data(message.value)
            var note = message.topicPartition.topic == topics.escalations
                ? NoteComposer.note(for: try decoder.decode(Escalation.self, from: bytes))
                : NoteComposer.note(for: try decoder.decode(DraftResponse.self, from: bytes))
            note.account = message.header(TicketSource.accountHeader)
            return .write(note, system: system, lane: lane)
        } catch {
            return .deadLetter(DeliveryError(.invalidEvent, "not a readable event: \(error)"), system: system)
        }
    }
}
