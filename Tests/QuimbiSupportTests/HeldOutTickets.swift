import QuimbiCore

/// Tickets written after the lexicon was tuned on ``LabelledTickets`` (including its first held-out
/// round) and never used to tune it: their accuracy is the honest estimate on unseen wording.
enum HeldOutTickets {
    private static func t(_ message: String, _ intent: IntentLabel, _ language: String = "en") -> LabelledTicket {
        LabelledTicket(message: message, intent: intent, language: language, sentiment: nil)
    }

    static let all: [LabelledTicket] = [
        t("Morning! Just checking whether my thread order has left your warehouse.", .orderStatus),
        t("It says delivered but there's nothing in my mailbox.", .serviceComplaint),
        t("Three of the cones were unwound and tangled when I opened the box.", .serviceComplaint),
        t("I changed my mind about the quilting kit, can I still cancel?", .cancelOrder),
        t("How long do I have to return unopened items?", .refundReturn),
        t("Still waiting on my refund from last month.", .refundReturn),
        t("Does the cotton thread come in a darker navy?", .productQuestion),
        t("What would you use for free-motion quilting on a domestic machine?", .productQuestion),
        t("Is there a promo going on for Black Friday?", .discountRequest),
        t("There's a charge on my statement I don't recognise from your store.", .billing),
        t("I need to update the email address on my account.", .account),
        t("Just a quick note to say the new spools are gorgeous. Thanks!", .praise),
        t("Shipping costs have doubled, I'll be ordering from another shop from now on.", .churnThreat),
        t("Honestly not sure I'll keep buying here, the quality has dropped.", .churnThreat),
        t("You forgot the bobbins in my order.", .serviceComplaint),
        t("Can I pick up my order instead of having it shipped?", .general),
        t("Ordered the wrong weight, can I swap it for 50wt?", .refundReturn),
        t("My package has been sitting at the depot for 9 days!!", .serviceComplaint),
        t("I'd like to know the ETA for order 7781 please.", .orderStatus),
        t("Do you offer wholesale pricing for guilds?", .discountRequest),
        t("¿Cuándo enviarán mi pedido?", .orderStatus, "es"),
        t("Me cobraron el pedido dos veces.", .billing, "es"),
        t("El hilo es precioso, ¡gracias!", .praise, "es"),
        t("Le colis est arrivé ouvert et il manque des bobines.", .serviceComplaint, "fr"),
        t("Pouvez-vous me conseiller un fil pour le patchwork ?", .productQuestion, "fr"),
        t("Je veux être remboursé, le fil casse tout le temps.", .serviceComplaint, "fr"),
        t("Wann wird meine Bestellung verschickt?", .orderStatus, "de"),
        t("Ich habe mein Passwort vergessen.", .account, "de"),
        t("Die Farbe ist ganz anders als auf dem Foto.", .serviceComplaint, "de"),
        t("Können Sie mir einen Rabatt geben?", .discountRequest, "de"),
    ]
}
