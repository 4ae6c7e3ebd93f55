import QuimbiCore

/// Tickets written after the lexicon was tuned on ``LabelledTickets`` (including its first two held-out
/// rounds) and never used to tune it: their accuracy is the honest estimate on unseen wording.
enum HeldOutTickets {
    private static func t(_ message: String, _ intent: IntentLabel, _ language: String = "en") -> LabelledTicket {
        LabelledTicket(message: message, intent: intent, language: language, sentiment: nil)
    }

    static let all: [LabelledTicket] = [
        t("Hi, I ordered on the 3rd and haven't had a shipping confirmation yet. Is everything ok?", .orderStatus),
        t("The courier left my parcel in the rain and the thread is ruined.", .serviceComplaint),
        t("I got 12 spools of white instead of ivory.", .serviceComplaint),
        t("Can I return the embroidery hoop if it's been opened?", .refundReturn),
        t("Please scrap my last order, I found what I needed locally.", .cancelOrder),
        t("Is your polyester thread strong enough for upholstery?", .productQuestion),
        t("Any chance of free shipping on my next order?", .discountRequest),
        t("Why was I charged $12 for shipping when it said free over $50?", .billing),
        t("Please remove my details from your mailing list.", .account),
        t("Thank you Anna for the quick help yesterday, really appreciated!", .praise),
        t("If prices keep going up like this I'll have to look elsewhere.", .churnThreat),
        t("Not impressed. Second parcel in a row that arrived late.", .serviceComplaint),
        t("How do I track my parcel?", .orderStatus),
        t("My order number is 8812 and nothing has arrived after 3 weeks.", .serviceComplaint),
        t("Can you tell me what your opening hours are?", .general),
        t("I'd like my money back for the faulty bobbins.", .serviceComplaint),
        t("Do you sell gift cards?", .productQuestion),
        t("I think I was overcharged on my last order.", .billing),
        t("Honestly, I've had enough. Close my account and don't email me again.", .churnThreat),
        t("Is it possible to change the delivery address on an order I just placed?", .account),
        t("¿Puedo devolver un artículo sin abrir?", .refundReturn, "es"),
        t("Todavía no he recibido mi pedido y ya pasaron tres semanas.", .serviceComplaint, "es"),
        t("¿Tienen descuentos para estudiantes?", .discountRequest, "es"),
        t("Bonjour, est-ce que ce fil convient pour la broderie machine ?", .productQuestion, "fr"),
        t("On m'a débité deux fois pour la même commande.", .billing, "fr"),
        t("Merci pour l'envoi rapide, tout est parfait.", .praise, "fr"),
        t("Je vais annuler mes commandes et aller voir ailleurs, vos prix ont trop augmenté.", .churnThreat, "fr"),
        t("Meine Lieferung ist nicht vollständig, es fehlen zwei Rollen.", .serviceComplaint, "de"),
        t("Kann ich die Lieferadresse noch ändern?", .account, "de"),
        t("Wann bekomme ich mein Geld zurück?", .refundReturn, "de"),
    ]
}
