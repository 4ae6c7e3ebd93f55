import Foundation
import QuimbiCore
import QuimbiKafka
import QuimbiWorker

/// Tickets of the seed customer from one helpdesk, as its webhook publishes them: numeric ticket ids, the
/// ticket's source and the `ce_helpdesk` headers the worker copies onto drafts and escalations.
struct HelpdeskTickets {
    let system: String
    let account: String
    let tickets: [TicketCreated]

    /// `count` tickets numbered from `first`; every third is a service complaint, drafted and escalated.
    init(system: String, account: String = "7", count: Int, first: Int = 1) {
        self.system = system
        self.account = account
        tickets = (0..<count).map { index in
            let id = "\(first + index)"
            return TicketCreated(
                eventID: "\(system):\(account):\(id)", ticketID: id, customerID: SampleTickets.seedCustomerID,
                message: SampleTickets.seedMessages[index % 3], createdAt: Date(), source: TicketSource(system: system, account: account))
        }
    }

    var headers: [KafkaHeader] {
        [KafkaHeader(name: TicketSource.systemHeader, text: system), KafkaHeader(name: TicketSource.accountHeader, text: account)]
    }

    func publish(with publisher: TicketPublisher) async throws {
        for ticket in tickets { try await publisher.publish(ticket, headers: headers) }
    }
}

extension EventCollector {
    /// The event ids of the drafts and escalations of tickets from `system`.
    func eventIDs(of system: String) throws -> Set<String> {
        let decoder = QuimbiJSON.makeDecoder()
        let fromSystem = { (received: Received) in
            received.headers.contains { $0.name == TicketSource.systemHeader && $0.value == Array(system.utf8) }
        }
        let drafts = try all(topics.drafts).filter(fromSystem).map { try decoder.decode(DraftResponse.self, from: $0.value).eventID }
        let escalations = try all(topics.escalations).filter(fromSystem).map { try decoder.decode(Escalation.self, from: $0.value).eventID }
        return Set(drafts + escalations)
    }
}
