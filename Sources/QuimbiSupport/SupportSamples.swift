import Foundation
import QuimbiCore

/// Sample tickets and the seed's customer, for trying a policy (`quimbi policy explain`) and for
/// measuring the support logic (`quimbi policy bench`) without any data source.
public enum SupportSamples {
    /// The seed's three scenarios followed by everyday tickets in en, es, fr, de and one unsupported language.
    public static let messages = [
        "I'm thinking about trying a different supplier. Your prices seem high compared to competitors.",
        "What thread colors would you recommend based on my previous orders?",
        "My last order took forever to ship. This is getting frustrating.",
        "Where is my order? I placed it on Monday.",
        "The box arrived crushed and two of the spools are cracked.",
        "Please cancel my order #2291, I ordered the wrong size by mistake.",
        "Do you have any discount codes for returning customers?",
        "I was charged twice for the same order. If this isn't fixed I'll file a chargeback.",
        "Just wanted to say thank you, the thread quality is amazing!",
        "Oh great, another order that shows up two weeks late. Thanks for nothing.",
        "Hola, ¿dónde está mi pedido? Lo hice hace dos semanas.",
        "Ma commande est arrivée endommagée, c'est inacceptable.",
        "Ihre Preise sind zu teuer, ich bestelle jetzt bei der Konkurrenz.",
        "Olá, ainda não recebi a minha encomenda. Onde está o meu pedido?",
    ]

    /// Customer 7415378247935 as of `date`: churn 0.60, LTV $179.42, 3 orders, last 230 and first 250 days before.
    public static func seedProfile(asOf date: Date) -> CustomerProfile {
        CustomerProfile(
            customerID: "7415378247935", archetypeID: "arch_776335", lifetimeValue: 179.42, totalOrders: 3, avgOrderValue: 59.81,
            firstPurchaseAt: date.addingTimeInterval(-86_400 * 250), lastPurchaseAt: date.addingTimeInterval(-86_400 * 230),
            churnRiskScore: 0.6
        )
    }

    /// A ticket from the seed's customer with `message`.
    public static func ticket(_ message: String, number: Int, at date: Date) -> TicketCreated {
        TicketCreated(eventID: "sample-\(number)", ticketID: "S-\(number)", customerID: "7415378247935", message: message, createdAt: date)
    }
}
