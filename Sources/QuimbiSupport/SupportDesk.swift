import Foundation
import QuimbiCore

/// What the support logic read from a ticket before any lookup.
public struct TicketAnalysis: Sendable, Hashable {
    /// Primary intent, secondary intents and the signals that fired (policy flags included).
    public var intent: Intent
    /// Negative, neutral or positive, with a score in [−1, 1].
    public var sentiment: Sentiment
    /// ISO 639-1 code of the message's language (see ``languageSupported``).
    public var language: String
    /// Readers that could not read the ticket in time (`intent_model`): the lexicon read it alone.
    public var degraded: [String]

    /// An analysis from its parts.
    public init(intent: Intent, sentiment: Sentiment, language: String, degraded: [String] = []) {
        self.intent = intent
        self.sentiment = sentiment
        self.language = language
        self.degraded = degraded
    }

    /// Whether the drafters write this language (en, es, fr, de); otherwise a human must check.
    public var languageSupported: Bool { LanguageDetector.supported.contains(language) }
}

/// Everything the worker needs to publish for one ticket.
public struct SupportOutcome: Sendable, Hashable {
    /// What was read from the ticket.
    public var analysis: TicketAnalysis
    /// The behavioural reading; nil for unknown customers.
    public var customer: CustomerInsight?
    /// The policy's decision with its reason codes.
    public var recommendation: Recommendation
    /// The reply; `generator` and `fallbackReason` say who wrote it and why the LLM did not.
    public var draft: Draft
    /// The LLM prompt built for the ticket.
    public var prompt: Prompt
    /// The manager-facing summary, present when the recommendation escalates.
    public var escalationSummary: String?
}

/// The facts gathered for one ticket.
public struct TicketFacts: Sendable {
    /// The ticket.
    public var ticket: TicketCreated
    /// The customer's profile; nil when unknown or unavailable.
    public var profile: CustomerProfile?
    /// The profile's archetype, when found.
    public var archetype: Archetype?
    /// Recent orders, newest first.
    public var orders: [Order]
    /// Sources that could not answer in time.
    public var degraded: [String]
    /// The name of the recent-orders source in `degraded`.
    public static let ordersSource = "orders"
    /// The day the profile is read on.
    public var asOf: Date
    /// Up to three items that go with what the customer bought (co-purchases, else popularity).
    public var recommendedItems: [String]
    /// The distinct items of `orders` (``Swift/Array/distinctItems``), named once per ticket: the
    /// recommendations, the prompt and the draft all read them.
    public var itemsBought: [String]

    /// Facts from their parts; `itemsBought`, when the caller already named the orders' items, else
    /// read from `orders`.
    public init(
        ticket: TicketCreated, profile: CustomerProfile?, archetype: Archetype?, orders: [Order],
        degraded: [String], asOf: Date, recommendedItems: [String] = [], itemsBought: [String]? = nil
    ) {
        self.recommendedItems = recommendedItems
        self.itemsBought = itemsBought ?? orders.distinctItems
        self.ticket = ticket
        self.profile = profile
        self.archetype = archetype
        self.orders = orders
        self.degraded = degraded
        self.asOf = asOf
    }
}

/// The support logic: reads a ticket, decides by policy and drafts the reply.
///
/// The policy alone decides discounts and escalation; the drafter only words the decision.
public struct SupportDesk: Sendable {
    /// The decision rules.
    public let policy: SupportPolicy
    /// Who words the decision.
    public let drafter: any Drafter
    /// Reads intents beside the lexicon; nil: the lexicon reads alone.
    public let intentModel: IntentModel?
    private let reader = TicketReader()
    private let combiner = IntentCombiner()
    private let contextBuilder = ContextBuilder()

    /// The source named in `degraded` when the intent model could not read a ticket in time.
    public static let intentModelSource = "intent_model"

    /// A desk deciding by `policy`, drafting with `drafter` (the template drafter by default) and
    /// reading intents with the lexicon and, when given, `intentModel`.
    public init(policy: SupportPolicy = .default, drafter: any Drafter = TemplateDrafter(), intentModel: IntentModel? = nil) {
        self.policy = policy
        self.drafter = drafter
        self.intentModel = intentModel
    }

    /// Reads intent, sentiment and language from the ticket text with the lexicon alone (subject and message).
    public func analyze(_ ticket: TicketCreated) -> TicketAnalysis {
        lexiconReading(ticket).reading.analysis
    }

    /// Reads intent, sentiment and language with the lexicon and, when the desk has one, the intent
    /// model (on the message). A model that cannot read by `deadline` leaves the lexicon's reading,
    /// with `intent_model` among the analysis's `degraded` sources.
    public func read(_ ticket: TicketCreated, deadline: ContinuousClock.Instant) async -> TicketAnalysis {
        let (reading, message) = lexiconReading(ticket)
        guard let intentModel else { return reading.analysis }
        do {
            return settle(reading, with: try await intentModel.read(message, deadline: deadline))
        } catch {
            var analysis = reading.analysis
            analysis.degraded.append(Self.intentModelSource)
            return analysis
        }
    }

    /// Reads the ticket with the lexicon and settles its intent with the model's reading of its message.
    public func analyze(_ ticket: TicketCreated, modelReading: IntentProbabilities) -> TicketAnalysis {
        settle(lexiconReading(ticket).reading, with: modelReading)
    }

    /// The lexicon's reading, and the message the model is to read: both without instruction-override
    /// sentences when the ticket has any (see ``PromptInjectionGuard``).
    private func lexiconReading(_ ticket: TicketCreated) -> (reading: TicketReading, message: String) {
        let reading = reader.read(ticket)
        guard reading.lexicon.flags.contains(PromptInjectionGuard.signal) else { return (reading, ticket.message) }
        let cleaned = PromptInjectionGuard.withoutInstructions(ticket)
        var guarded = reader.read(cleaned)
        guarded.lexicon.intent.signals.append(PromptInjectionGuard.signal)
        return (guarded, cleaned.message)
    }

    private func settle(_ reading: TicketReading, with modelReading: IntentProbabilities) -> TicketAnalysis {
        var analysis = reading.analysis
        analysis.intent = combiner.combine(reading.lexicon, sarcastic: reading.sarcastic, model: modelReading)
        return analysis
    }

    /// Decides and drafts for a ticket whose facts have been gathered. Never throws; with the
    /// built-in drafters it returns by `deadline` (an LLM that cannot answer in time is replaced
    /// by the template draft).
    public func respond(to facts: TicketFacts, analysis: TicketAnalysis, deadline: ContinuousClock.Instant) async -> SupportOutcome {
        let snapshot = facts.profile?.snapshot(asOf: facts.asOf)
        let customer = snapshot.map { policy.insight(for: $0) }
        let recommendation = policy.decide(analysis: analysis, customer: customer)
        let context = contextBuilder.build(facts: facts, analysis: analysis, customer: customer, recommendation: recommendation)
        let draft = await drafter.draft(context, deadline: deadline)
        return SupportOutcome(
            analysis: analysis,
            customer: customer,
            recommendation: recommendation,
            draft: draft,
            prompt: context.prompt,
            escalationSummary: recommendation.escalate ? EscalationSummary(context).text : nil
        )
    }
}
