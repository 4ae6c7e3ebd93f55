import Foundation
import QuimbiCore
import QuimbiSupport
import Testing

/// Items recommended from the store's co-purchases appear in the draft of product questions and of
/// lapsed customers (win-back), in each language, with the items bought named with their variants.
struct RecommendedItemsDraftTests {
    static let recommended = ["Cotton thread — silver (500 m spool)", "Polyester thread — cream (1000 m spool)"]

    static func outcome(_ message: String, recommended: [String] = recommended) async -> SupportOutcome {
        let desk = SupportDesk()
        let ticket = Fixtures.ticket(message)
        let facts = TicketFacts(ticket: ticket, profile: Fixtures.seedProfile, archetype: Fixtures.seedArchetype,
                                orders: Fixtures.seedOrders, degraded: [], asOf: Fixtures.asOf, recommendedItems: recommended)
        return await desk.respond(to: facts, analysis: desk.analyze(ticket), deadline: .now + .seconds(1))
    }

    @Test(arguments: [
        ("What thread colors would you recommend based on my previous orders?", "I'd suggest Cotton thread — silver (500 m spool) and Polyester thread — cream (1000 m spool)"),
        ("¿Qué colores de hilo me recomiendan según mis pedidos anteriores?", "le sugiero Cotton thread — silver (500 m spool) y Polyester thread — cream (1000 m spool)"),
        ("Quelles couleurs de fil me recommandez-vous d'après mes commandes précédentes ?", "je vous suggère Cotton thread — silver (500 m spool) et Polyester thread — cream (1000 m spool)"),
        ("Welche Garnfarben empfehlen Sie mir passend zu meinen bisherigen Bestellungen?", "empfehle ich Ihnen Cotton thread — silver (500 m spool) und Polyester thread — cream (1000 m spool)"),
    ])
    func productQuestionsNameWhatWasBoughtAndWhatGoesWithIt(message: String, suggestion: String) async {
        let outcome = await Self.outcome(message)
        #expect(outcome.analysis.intent.label == .productQuestion, "\(outcome.analysis.intent)")
        let text = outcome.draft.text
        #expect(text.contains("Cotton thread — cream (500 m spool)") && text.contains("Metallic thread — silver (500 m spool)"), "\(text)")
        #expect(text.contains(suggestion), "\(text)")
        #expect(outcome.prompt.user.contains("RECOMMENDED ITEMS (bought together with theirs by other customers): \(Self.recommended.joined(separator: ", "))"))
    }

    @Test func aLapsedCustomersWinBackOfferSuggestsThemOnceAndWithoutThemNothingIsInvented() async {
        let churn = await Self.outcome(Fixtures.seedMessages[0])
        #expect(churn.draft.text.hasSuffix("with this exclusive offer. You might also like Cotton thread — silver (500 m spool) and Polyester thread — cream (1000 m spool)."),
                "\(churn.draft.text)")
        #expect(churn.draft.text.components(separatedBy: "Polyester thread").count == 2)
        let without = await Self.outcome(Fixtures.seedMessages[1], recommended: [])
        #expect(!without.draft.text.contains("Polyester") && without.draft.text.contains("I'd be glad to suggest colors"))
    }
}
