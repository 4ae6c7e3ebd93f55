import Foundation
import QuimbiCore
import QuimbiMetrics
import QuimbiWorker
import Testing

@Suite("Worker metrics exposition")
struct WorkerMetricsTests {
    @Test("a rejected ticket counts as a dead letter and a rejected outcome")
    func deadLetters() {
        let registry = MetricsRegistry()
        let metrics = WorkerMetrics(registry: registry)
        metrics.ticketFinished(FinishedTicket(.rejected(TicketRejection(.invalidJSON, "not json"))))
        metrics.ticketFinished(FinishedTicket(.rejected(TicketRejection(.invalidJSON, "not json"))))
        let text = String(decoding: registry.exposition(), as: UTF8.self)
        #expect(text.contains(#"quimbi_dead_letters_total{code="invalid_json"} 2"#))
        #expect(text.contains(#"quimbi_tickets_processed_total{outcome="rejected",intent="none"} 2"#))
    }

    @Test("a delivered draft counts by outcome and intent, and its discount and escalation are counted")
    func draftedAndEscalated() {
        let registry = MetricsRegistry()
        let metrics = WorkerMetrics(registry: registry)
        let now = Date()
        let timing = DraftTiming(ticketCreatedAt: now - 2, receivedAt: now - 1, completedAt: now, lookupMs: 1, totalMs: 3)
        metrics.ticketFinished(FinishedTicket(outcome: .drafted, ticketID: "T1", intent: .orderStatus, timing: timing))
        metrics.ticketFinished(FinishedTicket(
            outcome: .escalated, ticketID: "T2", intent: .serviceComplaint, timing: timing, degraded: ["profile"], discountPercent: 15))
        let text = String(decoding: registry.exposition(), as: UTF8.self)
        #expect(text.contains(#"quimbi_tickets_processed_total{outcome="drafted",intent="order_status"} 1"#), "\(text)")
        #expect(text.contains(#"quimbi_tickets_processed_total{outcome="escalated",intent="service_complaint"} 1"#))
        #expect(text.contains(#"quimbi_escalations_total{intent="service_complaint"} 1"#))
        #expect(text.contains(#"quimbi_discounts_offered_total{percent="15"} 1"#))
        #expect(text.contains("quimbi_tickets_degraded_total 1"))
        #expect(text.contains("quimbi_ticket_processing_seconds_count 2"))
    }

    /// The worker calls sources that answer from memory directly (``ImmediateLookup``); the metered
    /// wrapper must not hide that (it did: every in-memory lookup went through a child task again).
    @Test("metering keeps a source that answers from memory immediate, and no other")
    func meteredImmediacy() {
        struct Remote: ProfileSource {
            func profile(for customer: CustomerReference) async throws -> CustomerProfile? { nil }
        }
        let metrics = WorkerMetrics(registry: MetricsRegistry())
        let inMemory: any ProfileSource = InMemoryCustomerData(customers: [], orders: [], profiles: [], archetypes: [])
        #expect(metrics.metered(profiles: inMemory) is any ImmediateLookup)
        #expect(!(metrics.metered(profiles: Remote()) is any ImmediateLookup))
    }

    /// The worker starts the lookups of deadline-bound sources (PostgreSQL, Redis) together in the ticket's task;
    /// the metered wrapper must keep them deadline-bound, and time a started lookup until its answer.
    @Test("metering keeps deadline-bound sources deadline-bound and times their started lookups")
    func meteredDeadlineBound() async throws {
        struct Bound: DeadlineBoundProfileSource, DeadlineBoundOrderSource {
            func profile(for customer: CustomerReference) async throws -> CustomerProfile? { nil }
            func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] { [] }
            /// Answered 2 ms after it started, however late it is awaited.
            func startProfileLookup(for customer: CustomerReference, until deadline: ContinuousClock.Instant) -> PendingLookup<CustomerProfile?> {
                let answeredAt = ContinuousClock.now + .milliseconds(2)
                return PendingLookup.answered(by: { (nil, answeredAt) })
            }
            func startRecentOrdersLookup(for customer: CustomerReference, limit: Int, until deadline: ContinuousClock.Instant) -> PendingLookup<[Order]> {
                PendingLookup { [] }
            }
        }
        struct Remote: ProfileSource {
            func profile(for customer: CustomerReference) async throws -> CustomerProfile? { nil }
        }
        let registry = MetricsRegistry()
        let metrics = WorkerMetrics(registry: registry)
        let customer = CustomerReference(customerID: "c1", email: nil)
        let profiles = try #require(metrics.metered(profiles: Bound()) as? any DeadlineBoundProfileSource)
        let orders = try #require(metrics.metered(orders: Bound()) as? any DeadlineBoundOrderSource)
        #expect(!(metrics.metered(profiles: Remote()) is any DeadlineBoundProfileSource))
        let profile = profiles.startProfileLookup(for: customer, until: .now + .seconds(1))
        // Awaited late, as a ticket awaits its second lookup: the time recorded is the source's, not the wait's.
        try await Task.sleep(for: .milliseconds(50))
        _ = try await profile.value()
        _ = try await orders.startRecentOrdersLookup(for: customer, limit: 5, until: .now + .seconds(1)).value()
        let text = String(decoding: registry.exposition(), as: UTF8.self)
        let profileSum = try #require(text.split(separator: "\n").first { $0.hasPrefix(#"quimbi_lookup_seconds_sum{source="profile"}"#) })
        let seconds = try #require(Double(profileSum.split(separator: " ").last ?? ""))
        #expect(seconds >= 0.001 && seconds < 0.02, "\(profileSum)")
        #expect(text.contains(#"quimbi_lookup_seconds_count{source="profile"} 1"#), "\(text)")
        #expect(text.contains(#"quimbi_lookup_seconds_count{source="orders"} 1"#), "\(text)")
    }

    @Test("lookups are timed per source and end-to-end latency never goes negative")
    func lookupsAndLatency() {
        let registry = MetricsRegistry()
        let metrics = WorkerMetrics(registry: registry)
        metrics.lookupTimer(source: "profile").record(duration: .milliseconds(3))
        metrics.lookupTimer(source: "orders").record(duration: .milliseconds(7))
        let now = Date()
        metrics.recordEndToEnd(ticketCreatedAt: now.addingTimeInterval(5), completedAt: now)
        let text = String(decoding: registry.exposition(), as: UTF8.self)
        #expect(text.contains(#"quimbi_lookup_seconds_count{source="profile"} 1"#))
        #expect(text.contains(#"quimbi_lookup_seconds_count{source="orders"} 1"#))
        #expect(text.contains("quimbi_ticket_end_to_end_seconds_sum 0"))
    }
}
