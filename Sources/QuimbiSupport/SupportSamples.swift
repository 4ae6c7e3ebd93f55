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

    /// The seed customer's three orders of cream and silver thread, newest first.
    public static func seedOrders(asOf date: Date) -> [Order] {
        let cream = LineItem(title: "Cotton thread — cream", variant: "500 m spool", sku: "CT-500-0", quantity: 3, unitPrice: 12.99)
        let silver = LineItem(title: "Metallic thread — silver", variant: "500 m spool", sku: "MT-500-SIL", quantity: 2, unitPrice: 10.42)
        return [(1_003, 230.0), (1_002, 240.0), (1_001, 250.0)].map { number, days in
            Order(id: "5\(number)00417", name: "#\(number)", customerID: "7415378247935",
                  createdAt: date.addingTimeInterval(-86_400 * days), total: 59.81, currency: "USD", financialStatus: "paid",
                  fulfillmentStatus: "fulfilled", lineItems: [cream, silver],
                  tracking: [Tracking(company: "USPS", number: "9400111899223\(number)", url: nil)])
        }
    }

    /// A ticket from the seed's customer with `message`.
    public static func ticket(_ message: String, number: Int, at date: Date) -> TicketCreated {
        TicketCreated(eventID: "sample-\(number)", ticketID: "S-\(number)", customerID: "7415378247935", message: message, createdAt: date)
    }
}
