import Foundation
import QuimbiCore
import QuimbiSupport

/// Per-ticket time budgets.
public struct ProcessingSettings: Sendable {
    /// From receipt to a finished draft.
    public var ticketDeadline: Duration
    /// Part of the deadline the profile and orders lookups may use.
    public var lookupBudget: Duration
    /// Most recent orders put into the context.
    public var recentOrderLimit: Int
    /// Longest the intent model may hold a ticket (within the lookup budget); past it the lexicon reads alone.
    public var intentBudget: Duration

    public init(
        ticketDeadline: Duration = .milliseconds(2_500), lookupBudget: Duration = .milliseconds(1_200), recentOrderLimit: Int = 5,
        intentBudget: Duration = .milliseconds(300)
    ) {
        self.ticketDeadline = ticketDeadline
        self.lookupBudget = lookupBudget
        self.recentOrderLimit = recentOrderLimit
        self.intentBudget = intentBudget
    }
}

/// The result of processing one ticket event.
public enum TicketResult: Sendable {
    /// A draft, and an escalation when the policy escalated.
    case drafted(DraftResponse, Escalation?)
    /// The event can never be processed.
    case rejected(TicketRejection)
}

/// The worker's code path for one ticket, without Kafka: decode and validate, gather the customer's
/// facts concurrently under the deadline, decide, draft, and build the output events.
public struct TicketProcessor: Sendable {
    private let decoder = TicketDecoder()
    private let gatherer: CustomerFactsGatherer
    private let desk: SupportDesk
    private let settings: ProcessingSettings

    /// A processor reading customers from the sources given; without `recommendations` no items are recommended.
    public init(
        profiles: any ProfileSource, orders: any OrderSource, archetypes: (any ArchetypeSource)?,
        recommendations: (any RecommendationSource)? = nil, desk: SupportDesk, settings: ProcessingSettings = .init()
    ) {
        gatherer = CustomerFactsGatherer(
            profiles: profiles, orders: orders, archetypes: archetypes, recommendations: recommendations,
            recentOrderLimit: settings.recentOrderLimit)
        self.desk = desk
        self.settings = settings
    }

    /// Processes one raw ticket-created payload received at `receivedAt`.
    public func process(_ payload: [UInt8], receivedAt: Date = Date()) async -> TicketResult {
        let started = ContinuousClock.now
        let ticket: TicketCreated
        do {
            ticket = try decoder.decode(payload)
        } catch {
            return .rejected(error)
        }
        let deadline = started + settings.ticketDeadline
        let lookupDeadline = min(deadline, started + settings.lookupBudget)
        let reference = CustomerReference(customerID: ticket.customerID, email: ticket.customerEmail)
        let gathered: CustomerFactsGatherer.Gathered
        let lookupDone: ContinuousClock.Instant
        let analysis: TicketAnalysis
        let readingDeadline = min(lookupDeadline, started + settings.intentBudget)
        if desk.intentModel == nil || gatherer.fromMemory.profilesAndOrders {
            // Reading with the lexicon alone, or looking up in memory, takes microseconds: one after the
            // other, with no child task on the hot path.
            gathered = await gatherer.gather(for: reference, until: lookupDeadline)
            lookupDone = ContinuousClock.now
            analysis = await desk.read(ticket, deadline: readingDeadline)
        } else {
            async let reading = desk.read(ticket, deadline: readingDeadline)
            gathered = await gatherer.gather(for: reference, until: lookupDeadline)
            lookupDone = ContinuousClock.now
            analysis = await reading
        }
        let degraded = gathered.degraded + analysis.degraded
        let facts = TicketFacts(
            ticket: ticket, profile: gathered.profile, archetype: gathered.archetype, orders: gathered.orders,
            degraded: degraded, asOf: receivedAt, recommendedItems: gathered.recommendedItems,
            itemsBought: gathered.itemsBought
        )
        let outcome = await desk.respond(to: facts, analysis: analysis, deadline: deadline)
        let completedAt = Date()
        let draft = DraftResponse(
            eventID: EventIDs.draft(for: ticket), ticketEventID: ticket.eventID, ticketID: ticket.ticketID,
            customerID: ticket.customerID ?? gathered.profile?.customerID, createdAt: completedAt,
            language: outcome.analysis.language, intent: outcome.analysis.intent, sentiment: outcome.analysis.sentiment,
            customer: outcome.customer, orders: gathered.orders,
            recommendedItems: gathered.recommendedItems.isEmpty ? nil : gathered.recommendedItems,
            recommendation: outcome.recommendation,
            draft: outcome.draft, context: DraftContext(prompt: outcome.prompt, degraded: degraded),
            timing: DraftTiming(
                ticketCreatedAt: ticket.createdAt, receivedAt: receivedAt, completedAt: completedAt,
                lookupMs: Self.milliseconds(lookupDone - started), totalMs: Self.milliseconds(ContinuousClock.now - started)
            )
        )
        return .drafted(draft, escalation(for: draft, summary: outcome.escalationSummary))
    }

    private func escalation(for draft: DraftResponse, summary: String?) -> Escalation? {
        guard draft.recommendation.escalate else { return nil }
        return Escalation(
            eventID: EventIDs.escalation(forTicketEvent: draft.ticketEventID), ticketID: draft.ticketID,
            customerID: draft.customerID, createdAt: draft.createdAt, priority: draft.recommendation.priority,
            reasons: draft.recommendation.reasons,
            summary: summary ?? "Ticket \(draft.ticketID) needs a manager.",
            lifetimeValue: draft.customer?.lifetimeValue, churnRiskScore: draft.customer?.churnRiskScore,
            churnLevel: draft.customer?.churnLevel, valueTier: draft.customer?.valueTier,
            intent: draft.intent.label, recommendation: draft.recommendation, draftEventID: draft.eventID
        )
    }

    static func milliseconds(_ duration: Duration) -> Double {
        duration.inSeconds * 1_000
    }
}

/// Output event ids derived from the input's, so a re-processed ticket repeats its ids and
/// downstream consumers can de-duplicate.
enum EventIDs {
    static func draft(for ticket: TicketCreated) -> String { "draft:\(ticket.eventID)" }
    static func escalation(forTicketEvent eventID: String) -> String { "escalation:\(eventID)" }
    static func deadLetter(topic: String, partition: Int32, offset: Int64) -> String { "dlq:\(topic):\(partition):\(offset)" }
}
