import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiWorker
import Testing

/// Drafts over Shopify-sourced orders: the seed's colour question names the colours bought (the
/// variants) and an item the customer has not bought; an order-status ticket cites the order
/// number, carrier and tracking number.
@Suite("Drafts from Shopify orders")
struct ShopifyDraftTests {
    static let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!

    static func draft(_ message: String, fixture: ShopifyFixture) async throws -> DraftResponse {
        let profiles = InMemoryCustomerData(customers: [], orders: [], profiles: [SupportSamples.seedProfile(asOf: asOf)], archetypes: [])
        let affinities = ItemAffinities(
            companions: ["Cotton thread — Cream / 500 m": [ItemCompanion(item: "Cotton thread — Silver / 500 m", score: 0.6)]],
            popular: ["Cotton thread — Cream / 500 m", "Silk thread", "Metallic thread — Gold"])
        let processor = TicketProcessor(
            profiles: profiles, orders: fixture.source, archetypes: nil, recommendations: affinities, desk: SupportDesk(),
            settings: ProcessingSettings(ticketDeadline: .seconds(4), lookupBudget: .seconds(2)))
        let ticket = TicketCreated(eventID: "evt-1", ticketID: "T-1", customerID: "7415378247935", message: message, createdAt: asOf)
        guard case .drafted(let response, _) = await processor.process(Array(try QuimbiJSON.makeEncoder().encode(ticket)), receivedAt: asOf) else {
            throw DraftMissing()
        }
        return response
    }

    struct DraftMissing: Error {}

    @Test("the colour question names the variants bought and items not bought")
    func colourQuestion() async throws {
        let fixture = try await ShopifyFixture.start()
        let response = try await Self.draft("What thread colors would you recommend based on my previous orders?", fixture: fixture)
        try await fixture.stop()
        let text = response.draft.text
        for bought in ["Cotton thread — Cream / 500 m", "Silk thread", "Cotton thread — Navy / 500 m"] {
            #expect(text.contains(bought), "\(text)")
        }
        #expect(response.recommendedItems == ["Cotton thread — Silver / 500 m", "Metallic thread — Gold"])
        #expect(text.contains("I'd suggest Cotton thread — Silver / 500 m and Metallic thread — Gold"), "\(text)")
    }

    @Test("an order-status ticket cites the order number, carrier and tracking number")
    func orderStatus() async throws {
        let fixture = try await ShopifyFixture.start()
        let response = try await Self.draft("Where is my order? I need the tracking number please.", fixture: fixture)
        try await fixture.stop()
        #expect(response.draft.text.contains("Your order #1042, placed on April 9, 2026, is being prepared for shipping."), "\(response.draft.text)")
        #expect(response.draft.text.contains("You can follow it with USPS, tracking number 9400111899223, at https://tools.usps.com/"))
        #expect(response.draft.text.contains("4 × Cotton thread — Cream / 500 m and 1 × Silk thread"))
    }
}
