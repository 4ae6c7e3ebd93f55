import Foundation
import QuimbiCore
import QuimbiSupport
import Testing

/// The template draft cites the order in question — the one named in the message, else the most
/// recent — with its status, date, items with variants, carrier and tracking, in each language; and
/// says honestly when it cannot.
struct OrderFactsDraftTests {
    /// The seed's orders, the newest in transit with a carrier, tracking number and link, and Shopify-style variants.
    static let shippedOrders: [Order] = {
        var orders = Fixtures.seedOrders
        orders[0].fulfillmentStatus = "in_transit"
        orders[0].lineItems = [LineItem(title: "Cotton Thread 50wt", variant: "Cream", quantity: 3, unitPrice: 4.5)]
        orders[0].tracking = [Tracking(company: "DHL Express", number: "JD014600006281", url: "https://www.dhl.com/track?id=JD014600006281")]
        return orders
    }()

    static func draft(_ message: String, orders: [Order] = shippedOrders, degraded: [String] = []) async -> Draft {
        let desk = SupportDesk()
        let ticket = Fixtures.ticket(message)
        let facts = TicketFacts(ticket: ticket, profile: Fixtures.seedProfile, archetype: Fixtures.seedArchetype, orders: orders,
                                degraded: degraded, asOf: Fixtures.asOf)
        return await desk.respond(to: facts, analysis: desk.analyze(ticket), deadline: .now + .seconds(1)).draft
    }

    @Test(arguments: [
        ("Where is my order? I need the tracking number please.", "en",
         ["#1003", "February 3, 2026", "is on its way", "3 × Cotton Thread 50wt — Cream", "DHL Express", "JD014600006281", "https://www.dhl.com/track?id=JD014600006281"]),
        ("Hola, ¿dónde está mi pedido? Necesito el número de seguimiento.", "es",
         ["#1003", "3 de febrero de 2026", "está en camino", "3 × Cotton Thread 50wt — Cream", "DHL Express", "JD014600006281", "https://www.dhl.com/track?id=JD014600006281"]),
        ("Bonjour, où est ma commande ? Je voudrais le numéro de suivi.", "fr",
         ["#1003", "3 février 2026", "est en route", "3 × Cotton Thread 50wt — Cream", "DHL Express", "JD014600006281", "https://www.dhl.com/track?id=JD014600006281"]),
        ("Hallo, wo ist meine Bestellung? Ich brauche die Sendungsnummer.", "de",
         ["#1003", "3. Februar 2026", "ist unterwegs", "3 × Cotton Thread 50wt — Cream", "DHL Express", "JD014600006281", "https://www.dhl.com/track?id=JD014600006281"]),
    ])
    func orderStatusCitesTheMostRecentOrderInEveryLanguage(message: String, language: String, facts: [String]) async {
        let desk = SupportDesk()
        #expect(desk.analyze(Fixtures.ticket(message)).language == language)
        let text = await Self.draft(message).text
        for fact in facts { #expect(text.contains(fact), "\(language) draft names \(fact): \(text)") }
    }

    @Test(arguments: [
        "Where is my order #1001?", "Any news on order 1001? It still hasn't come.", "where is my order number 1001",
        "Where is order #1001?", "Has order #1001 shipped yet?", "where's order 1001",
    ])
    func anOrderNamedByNumberIsTheOneCited(message: String) async {
        let text = await Self.draft(message).text
        #expect(text.contains("Your order #1001, placed on January 14, 2026, has shipped."), "\(text)")
        #expect(!text.contains("#1003"))
    }

    @Test func anOrderNumberNotOnRecordIsSaidSo() async {
        let text = await Self.draft("Where is my order #9999?").text
        #expect(text.contains("I couldn't find order #9999 among your recent orders"), "\(text)")
        #expect(!text.contains("#1003") && !text.contains("JD014600006281"))
    }

    @Test func noOrdersAndUnavailableOrdersAreSaidHonestly() async {
        let none = await Self.draft("Where is my order?", orders: []).text
        #expect(none.contains("I can't find any orders on your account yet"), "\(none)")
        let unavailable = await Self.draft("¿Dónde está mi pedido?", orders: [], degraded: [TicketFacts.ordersSource]).text
        #expect(unavailable.contains("Ahora mismo no tengo acceso a los datos de su pedido"), "\(unavailable)")
        #expect(!unavailable.contains("#"))
    }

    @Test func refundAndCancellationTicketsCiteTheOrderBeforeHandingOver() async {
        let refund = await Self.draft("I'd like to return order #1002 and get my money back.").text
        #expect(refund.contains("Your order #1002, placed on January 24, 2026, has shipped."), "\(refund)")
        #expect(refund.contains("passed your request to our team"))
        var refunded = Self.shippedOrders
        refunded[0].financialStatus = "refunded"
        let alreadyRefunded = await Self.draft("Has my refund gone through?", orders: refunded).text
        #expect(alreadyRefunded.contains("Your order #1003, placed on February 3, 2026, is recorded as refunded."), "\(alreadyRefunded)")
    }

    @Test func productQuestionsNameTheVariantsBought() async {
        let text = await Self.draft("What thread colors would you recommend based on my previous orders?").text
        #expect(text.contains("Cotton Thread 50wt — Cream") && text.contains("Metallic thread — silver (500 m spool)"), "\(text)")
    }

    @Test func aSecondQuestionGetsItsOwnSentenceAndTheOfferComesOnce() async {
        let desk = SupportDesk()
        let message = "What thread colours would you recommend? Also, where is my last order?"
        let analysis = desk.analyze(Fixtures.ticket(message))
        #expect(analysis.intent.label == .productQuestion && analysis.intent.secondary.contains(.orderStatus), "\(analysis.intent)")
        let text = await Self.draft(message).text
        #expect(text.contains("Based on your previous orders of") && text.contains("Your order #1003, placed on February 3, 2026, is on its way."), "\(text)")
        #expect(text.components(separatedBy: "% off").count <= 2)
    }

    @Test func aRefundedOrCancelledOrderGetsNoTrackingSentence() async {
        for (financial, fulfilment, words) in [("refunded", "fulfilled", "is recorded as refunded"), ("paid", "cancelled", "is recorded as cancelled")] {
            var orders = Self.shippedOrders
            orders[0].financialStatus = financial
            orders[0].fulfillmentStatus = fulfilment
            let text = await Self.draft("Where is my order?", orders: orders).text
            #expect(text.contains(words), "\(text)")
            #expect(!text.contains("JD014600006281") && !text.contains("DHL Express"), "no tracking for a \(financial)/\(fulfilment) order: \(text)")
        }
    }

    @Test func lineItemsOfTheSameItemAreListedOnceWithTheirQuantitiesAdded() async {
        var orders = Self.shippedOrders
        orders[0].lineItems = [
            LineItem(title: "Cotton Thread 50wt", variant: "Cream", quantity: 3, unitPrice: 4.5),
            LineItem(title: "Seam ripper", variant: nil, quantity: 1, unitPrice: 3),
            LineItem(title: "Cotton Thread 50wt", variant: "Cream", quantity: 2, unitPrice: 4.5),
        ]
        let text = await Self.draft("Where is my order?", orders: orders).text
        #expect(text.contains("5 × Cotton Thread 50wt — Cream and 1 × Seam ripper"), "\(text)")
        #expect(text.components(separatedBy: "Cotton Thread 50wt — Cream").count == 2, "\(text)")
    }
}
