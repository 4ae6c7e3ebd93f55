import Foundation
import QuimbiCore
import QuimbiSupport

/// The seed's customer 7415378247935 and helpers to build tickets and facts around it.
enum Fixtures {
    static let asOf = Date(timeIntervalSince1970: 1_790_000_000)
    static let seedCustomerID = "7415378247935"

    static func daysAgo(_ days: Double) -> Date { asOf.addingTimeInterval(-86_400 * days) }

    /// Churn 0.60 (high band), LTV $179.42, 3 orders, 230 days idle, tenure 250 days.
    static let seedProfile = SupportSamples.seedProfile(asOf: asOf)

    static let seedArchetype = Archetype(
        id: "arch_776335", label: "Occasional standard-value buyer, cooling down",
        dimensions: ["value": "standard", "frequency": "occasional"], members: 412, avgLifetimeValue: 250, avgOrders: 3.4,
        churnDistribution: ["low": 0.2, "medium": 0.35, "high": 0.45], behaviours: ["Occasional purchasers", "Price-sensitive segment"],
        strategy: ["Loyalty program enrollment", "Special offers on reorder reminders", "Cross-sell complementary products"]
    )

    /// The seed's three orders of cream and silver thread, newest first.
    static let seedOrders = SupportSamples.seedOrders(asOf: asOf)

    /// A profile with the given figures, bought `orders` times, last `idleDays` ago.
    static func profile(id: String = "c-1", lifetimeValue: Double, orders: Int = 4, idleDays: Double = 30, churn: Double) -> CustomerProfile {
        CustomerProfile(
            customerID: id, archetypeID: "arch_000001", lifetimeValue: lifetimeValue, totalOrders: orders,
            avgOrderValue: lifetimeValue / Double(max(orders, 1)), firstPurchaseAt: daysAgo(idleDays + 300),
            lastPurchaseAt: daysAgo(idleDays), churnRiskScore: churn
        )
    }

    static func ticket(_ message: String, id: String = "T-1", customerID: String? = seedCustomerID, language: String? = nil) -> TicketCreated {
        TicketCreated(eventID: "evt-\(id)", ticketID: id, customerID: customerID, message: message, createdAt: asOf, language: language)
    }

    static func facts(_ ticket: TicketCreated, profile: CustomerProfile? = seedProfile, orders: [Order] = seedOrders) -> TicketFacts {
        TicketFacts(ticket: ticket, profile: profile, archetype: profile == nil ? nil : seedArchetype, orders: profile == nil ? [] : orders,
                    degraded: [], asOf: asOf)
    }

    /// Analyzes and responds with `desk`, with a generous deadline.
    static func outcome(
        _ message: String, desk: SupportDesk = SupportDesk(), profile: CustomerProfile? = seedProfile, language: String? = nil,
        deadline: Duration = .seconds(5)
    ) async -> SupportOutcome {
        let ticket = ticket(message, language: language)
        let analysis = await desk.read(ticket, deadline: .now + deadline)
        return await desk.respond(to: facts(ticket, profile: profile), analysis: analysis, deadline: .now + deadline)
    }

    static let seedMessages = Array(SupportSamples.messages.prefix(3))
}
