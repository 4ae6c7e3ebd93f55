import Foundation
import QuimbiCore
import QuimbiSupport
import Testing

/// Nothing in a template draft that is not in its context: every word of a draft is either the
/// templates' own wording or a word of the context (the message, the prompt's facts, the orders and
/// the decision), and every number, link and name comes from the context alone — for every intent
/// (primary and secondary), every language and every state of the order in question.
struct DraftFactsTests {
    /// The words the template sources themselves contain (numbers excluded: a number must come from the context).
    static let templateWording: Set<String> = {
        let drafting = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/QuimbiSupport/Drafting").standardized
        let sources = ["TemplatePhrases.swift", "OrderPhrases.swift", "TemplateDrafter.swift"].compactMap {
            try? String(contentsOf: drafting.appendingPathComponent($0), encoding: .utf8)
        }
        #expect(sources.count == 3, "the template sources are readable")
        return Set(sources.flatMap(words).filter { !$0.contains(where: \.isNumber) })
    }()

    /// Lower-cased runs of letters and digits; numbers without leading zeros ("04" and "4" are one fact).
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { word in
            word.allSatisfy(\.isNumber) ? String(Int(word) ?? 0) : String(word)
        }
    }

    /// The words of `draft` that are neither template wording nor in `context`.
    static func unsupported(_ draft: String, context: SupportContextText) -> [String] {
        let known = Set(words(context.text))
        return words(draft).filter { !known.contains($0) && ($0.contains(where: \.isNumber) || !templateWording.contains($0)) }
    }

    /// Items recommended beside the orders.
    static let recommended = ["Quilting Cotton — Coral / 200 m", "Awl"]

    /// The order states a draft may have to describe.
    static let orderStates: [(message: String, orders: [Order], degraded: [String])] = {
        var moving = Fixtures.seedOrders
        moving[0].fulfillmentStatus = "in_transit"
        moving[0].lineItems = [LineItem(title: "Zebra Silk", variant: "Teal / 200 m", quantity: 4, unitPrice: 6.25)]
        moving[0].tracking = [Tracking(company: "Royal Mail", number: "RM55512", url: "https://track.example/RM55512")]
        var refunded = Fixtures.seedOrders
        refunded[1].financialStatus = "partially_refunded"
        var held = Fixtures.seedOrders
        held[0].fulfillmentStatus = "on_hold"
        held[0].tracking = []
        return [
            ("Hello, about my order.", moving, []), ("About order #1002, please.", refunded, []),
            ("About order #7777, please.", Fixtures.seedOrders, []), ("Hello, about my order.", held, []),
            ("Hello.", [], []), ("Hello.", [], [TicketFacts.ordersSource]),
        ]
    }()

    @Test(arguments: ["en", "es", "fr", "de"])
    func everyTemplateStatesOnlyContextFacts(language: String) async {
        let desk = SupportDesk()
        let profiles: [CustomerProfile?] = [
            Fixtures.seedProfile, Fixtures.profile(lifetimeValue: 1_250, orders: 9, idleDays: 12, churn: 0.1), nil,
        ]
        var drafts = 0
        for label in IntentLabel.allCases {
            for secondary in [[], IntentLabel.allCases.filter { $0 != label }] {
                for state in Self.orderStates {
                    for profile in profiles {
                        let ticket = Fixtures.ticket(state.message, language: language)
                        let facts = TicketFacts(
                            ticket: ticket, profile: profile, archetype: nil, orders: state.orders, degraded: state.degraded,
                            asOf: Fixtures.asOf, recommendedItems: state.orders.isEmpty ? [] : Self.recommended)
                        let analysis = TicketAnalysis(
                            intent: Intent(label: label, confidence: 0.9, signals: ["price"], secondary: secondary),
                            sentiment: Sentiment(label: .negative, score: -0.5), language: language)
                        let outcome = await desk.respond(to: facts, analysis: analysis, deadline: .now + .seconds(1))
                        let context = SupportContextText(facts: facts, outcome: outcome)
                        let extra = Self.unsupported(outcome.draft.text, context: context)
                        #expect(extra.isEmpty, "\(language) \(label) draft says \(extra) beyond its context: \(outcome.draft.text)")
                        drafts += 1
                    }
                }
            }
        }
        #expect(drafts == IntentLabel.allCases.count * 2 * Self.orderStates.count * 3)
    }

    @Test func theCheckCatchesAnInventedFact() async {
        let outcome = await Fixtures.outcome("Where is my order?")
        let context = SupportContextText(facts: Fixtures.facts(Fixtures.ticket("Where is my order?")), outcome: outcome)
        #expect(Self.unsupported(outcome.draft.text, context: context).isEmpty)
        let invented = outcome.draft.text + " Your order #4242 has shipped with FedEx."
        #expect(Self.unsupported(invented, context: context) == ["4242", "fedex"])
    }
}

/// Everything a drafter may cite for one ticket, as text: the message, the prompt (customer
/// reading, orders, decision) and the orders and decision in full.
struct SupportContextText {
    let text: String

    init(facts: TicketFacts, outcome: SupportOutcome) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let orders = (try? encoder.encode(facts.orders)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let decision = (try? encoder.encode(outcome.recommendation)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        text = [facts.ticket.message, outcome.prompt.user, orders, decision].joined(separator: "\n")
    }
}
