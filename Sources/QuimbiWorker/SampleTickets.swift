import Foundation
import QuimbiCore

/// Ticket-created events for the demo, the benchmark and tests: the seed's three scenarios and
/// realistic generated tickets for a thread-and-notions shop.
public enum SampleTickets {
    /// The seed's customer (DESIGN §7).
    public static let seedCustomerID = "7415378247935"

    /// The seed's three scenario messages, in order: churn threat, product recommendation, service complaint.
    public static let seedMessages = [
        "I'm thinking about trying a different supplier. Your prices seem high compared to competitors.",
        "What thread colors would you recommend based on my previous orders?",
        "My last order took forever to ship. This is getting frustrating.",
    ]

    /// The seed's three scenario tickets for customer 7415378247935.
    public static func seedScenarios(createdAt: Date = Date()) -> [TicketCreated] {
        seedMessages.enumerated().map { index, message in
            TicketCreated(
                eventID: "evt-seed-\(index + 1)", ticketID: "T-SEED-\(index + 1)", customerID: seedCustomerID,
                customerEmail: nil, channel: .email, subject: nil, message: message, createdAt: createdAt,
                source: TicketSource(system: "demo", account: "quimbi-threads")
            )
        }
    }

    private static let messages = [
        "Where is my order? It's been a week and the tracking hasn't updated.",
        "Hi! Do you have the silver metallic thread in a 1000 m spool?",
        "The bobbins arrived damaged, half of them are cracked.",
        "I want a refund for the quilting pins, they bend too easily.",
        "Your prices went up again. I'm seriously thinking about switching to another store.",
        "Can you recommend a thread for machine quilting cotton batting?",
        "Please cancel my order, I ordered the wrong color by mistake.",
        "I was charged twice for my last order, can you check?",
        "Just wanted to say the new variegated threads are gorgeous, thank you!",
        "Do you have a discount code for returning customers?",
        "My package says delivered but I never received it.",
        "I can't log into my account, the password reset email never arrives.",
    ]

    /// A deterministic stream of generated tickets for the given customer ids (cycled).
    public static func generated(count: Int, customerIDs: [String], seed: UInt64 = 42, createdAt: Date = Date()) -> [TicketCreated] {
        guard !customerIDs.isEmpty else { return [] }
        var state = seed | 1
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(truncatingIfNeeded: state & 0x7fff_ffff)
        }
        return (0..<count).map { index in
            TicketCreated(
                eventID: "evt-\(seed)-\(index)", ticketID: "T-\(seed)-\(index)",
                customerID: customerIDs[next() % customerIDs.count], channel: TicketChannel.allCases[next() % 4],
                subject: nil, message: messages[next() % messages.count], createdAt: createdAt,
                source: TicketSource(system: "demo", account: "quimbi-threads")
            )
        }
    }
}
