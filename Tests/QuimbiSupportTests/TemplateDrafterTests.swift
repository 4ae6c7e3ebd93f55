import Foundation
import QuimbiCore
import QuimbiSupport
import Testing

/// The template drafter: language, tone, tracking, and no fact that is not in the context.
struct TemplateDrafterTests {
    @Test(arguments: [
        ("Sus precios son demasiado caros, voy a comprar en otra tienda.", "es", "15% de descuento"),
        ("Vos prix sont trop chers, je vais aller chez un concurrent.", "fr", "15 % de réduction"),
        ("Ihre Preise sind zu teuer, ich bestelle jetzt bei der Konkurrenz.", "de", "15 % Rabatt"),
    ])
    func writesTheTicketsLanguage(message: String, language: String, offer: String) async {
        let outcome = await Fixtures.outcome(message)
        #expect(outcome.analysis.language == language)
        #expect(outcome.recommendation.discountPercent == 15)
        #expect(outcome.draft.text.contains(offer), "\(outcome.draft.text)")
        #expect(outcome.draft.text.contains("3") && outcome.draft.text.contains("230"))
    }

    @Test func unsupportedLanguagesGetAnEnglishDraftAndAHumanCheck() async {
        let outcome = await Fixtures.outcome("Ciao, il mio ordine non è ancora arrivato, quando arriva?")
        #expect(outcome.analysis.language == "it")
        #expect(outcome.draft.text.hasPrefix("Thank you"))
        #expect(outcome.recommendation.reasons.contains("language_unsupported"))
    }

    @Test func citesTrackingOfAnOrderInTransit() async {
        let ticket = Fixtures.ticket("Where is my order?")
        var orders = Fixtures.seedOrders
        orders[0].fulfillmentStatus = "in_transit"
        orders[0].tracking = [Tracking(company: "USPS", number: "9400111899223", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223")]
        let desk = SupportDesk()
        let outcome = await desk.respond(to: Fixtures.facts(ticket, orders: orders), analysis: desk.analyze(ticket), deadline: .now + .seconds(1))
        #expect(outcome.draft.text.contains("is on its way"))
        #expect(outcome.draft.text.contains("You can follow it with USPS, tracking number 9400111899223, at https://tools.usps.com"))
        let delivered = await desk.respond(to: Fixtures.facts(ticket), analysis: desk.analyze(ticket), deadline: .now + .seconds(1))
        #expect(!delivered.draft.text.contains("on its way") && delivered.draft.text.contains("Your order #1003, placed on"))
    }

    @Test func statesNoFactOutsideTheContext() async {
        let unknown = await Fixtures.outcome("What colour would you recommend for a baby quilt?", profile: nil)
        #expect(unknown.draft.text == "Thank you for reaching out. I'm looking into this and will get back to you shortly.")
        let newCustomer = Fixtures.profile(lifetimeValue: 30, orders: 1, idleDays: 10, churn: 0.2)
        let first = await Fixtures.outcome("Do you have the cream thread in stock?", profile: newCustomer)
        #expect(!first.draft.text.contains("orders over") && !first.draft.text.contains("days since"))
        let digits = Set(first.draft.text.filter(\.isNumber))
        #expect(digits.isSubset(of: Set("0123456789".filter { Fixtures.seedOrders.description.contains($0) })))
    }

    @Test(arguments: [
        ("Love your shop, keep up the good work!", "grateful"), ("My order took forever.", "apologetic"),
        ("I'm leaving for a competitor.", "empathetic"), ("Where is my order?", "friendly"),
    ])
    func toneFollowsIntentAndSentiment(message: String, tone: String) async {
        #expect(await Fixtures.outcome(message).draft.tone == tone)
    }

    @Test func isDeterministic() async {
        let first = await Fixtures.outcome(Fixtures.seedMessages[2])
        let second = await Fixtures.outcome(Fixtures.seedMessages[2])
        #expect(first.draft == second.draft && first.prompt == second.prompt)
    }
}
