import QuimbiCore
import QuimbiSupport

/// How a set of labelled tickets is read: the misses (each printed, so a regression is easy to read),
/// the accuracy, and how many misses read an intent that could earn an offer.
struct IntentMisreadings {
    /// Intents for which the default policy can grant an offer.
    static let offerIntents: Set<IntentLabel> = [.churnThreat, .serviceComplaint, .productQuestion, .discountRequest]

    let misses: [(ticket: LabelledTicket, read: IntentLabel)]
    let accuracy: Double

    /// Misses read as an intent that could earn an offer.
    var couldEarnAnOffer: Int { misses.filter { Self.offerIntents.contains($0.read) }.count }

    /// Reads every ticket once with `desk`; `name` labels the printed lines.
    init(_ tickets: [LabelledTicket], name: String, desk: SupportDesk = SupportDesk()) {
        misses = tickets.compactMap { ticket in
            let read = desk.analyze(Fixtures.ticket(ticket.message)).intent.label
            return read == ticket.intent ? nil : (ticket, read)
        }
        accuracy = 1 - Double(misses.count) / Double(tickets.count)
        for miss in misses { print("\(name) miss: expected \(miss.ticket.intent.rawValue), got \(miss.read.rawValue): \(miss.ticket.message)") }
        print("\(name) intent accuracy \(accuracy) on \(tickets.count) tickets")
    }
}
