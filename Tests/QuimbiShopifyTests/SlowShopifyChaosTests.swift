import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiTestSupport
import QuimbiWorker
import ShopifyFake
import Testing
@testable import QuimbiShopify

/// Shopify answering long after every ticket's deadline while tickets stream through the worker's
/// ticket path: no ticket is lost and none waits for Shopify past its deadline.
@Suite struct SlowShopifyChaosTests {
    static let settings = ProcessingSettings(ticketDeadline: .milliseconds(1_000), lookupBudget: .milliseconds(400))
    /// Scheduling slack on a loaded test machine.
    static let margin: Duration = .milliseconds(500)

    @Test func everyTicketIsDraftedAtItsDeadlineWhileShopifyAnswersAfterThirtySeconds() async throws {
        let customers = FakeShopifyCustomer.generated(count: 50, ordersEach: 3)
        let server = try await FakeShopifyServer.start(customers: customers, latencyMilliseconds: 30_000)
        let configuration = try ShopifyConfiguration(
            store: nil, url: server.baseURL, token: "shpat_test", environment: [:], cacheTTL: .zero)
        let orders = ShopifyOrderSource(configuration: configuration)
        let profiles = InMemoryCustomerData(customers: [], orders: [], profiles: [], archetypes: [])
        let processor = TicketProcessor(
            profiles: profiles, orders: orders, archetypes: profiles, desk: SupportDesk(), settings: Self.settings)
        let encoder = QuimbiJSON.makeEncoder()
        let tickets = SampleTickets.generated(count: 300, customerIDs: customers.map { String($0.id) }, seed: 11)
            .map { Array(try! encoder.encode($0)) }

        let outcomes = await PacedStream.run(count: tickets.count, inFlight: 32, pace: .milliseconds(5)) { (index: Int) -> [String]? in
            guard case .drafted(let draft, _) = await processor.process(tickets[index]) else { return nil }
            return draft.context.degraded
        }
        try await orders.shutdown()
        try await server.stop()

        let slowest = outcomes.map(\.latency).max() ?? .zero
        #expect(outcomes.count == tickets.count, "every ticket drafted (0 lost)")
        #expect(outcomes.allSatisfy { $0.value == ["orders"] })
        #expect(slowest < Self.settings.ticketDeadline + Self.margin, "slowest ticket took \(slowest)")
        print("shopify answering after 30 s: \(outcomes.count)/\(tickets.count) drafted, slowest \(slowest)")
    }
}
