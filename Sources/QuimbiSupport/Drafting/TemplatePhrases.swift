/// The sentences of the template drafter in one language. Each takes only facts from the context.
struct TemplatePhrases: Sendable {
    var apology: String
    var thanksForOrders: @Sendable (_ orders: Int, _ tenureDays: Int) -> String
    var thanksForWriting: String
    var budget: String
    var hateToLose: String
    var recommend: @Sendable (_ items: String) -> String
    var recommendWith: @Sendable (_ items: String, _ suggestions: String) -> String
    var alsoLike: @Sendable (_ suggestions: String) -> String
    var offer: @Sendable (_ percent: Int, _ freeShipping: Bool) -> String
    var freeShippingOnly: String
    var welcomeBack: @Sendable (_ days: Int, _ withOffer: Bool) -> String
    var intentLine: @Sendable (_ intent: IntentLine) -> String
    var manager: String
    var and: String
    var order: OrderPhrases

    /// The intent-specific middle sentence.
    enum IntentLine { case refund, cancel, billing, account, praise, discountAsked, general }

    static func forLanguage(_ code: String) -> TemplatePhrases {
        switch code {
        case "es": .spanish
        case "fr": .french
        case "de": .german
        default: .english
        }
    }

    /// Joins items as "a, b and c".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(and) " + items[items.count - 1]
    }

    static let english = TemplatePhrases(
        apology: "I sincerely apologize for the trouble with your order, and I understand how frustrating this must be.",
        thanksForOrders: { orders, days in "Thank you for your \(orders) orders over the past \(englishSpan(days)) - we truly value your business!" },
        thanksForWriting: "Thank you for reaching out.",
        budget: "I understand budget is important.",
        hateToLose: "We'd hate to lose you as a customer.",
        recommend: { items in "Based on your previous orders of \(items), I'd be glad to suggest colors and products that pair well with them." },
        recommendWith: { items, suggestions in "Based on your previous orders of \(items), I'd suggest \(suggestions), which our customers often buy with them." },
        alsoLike: { suggestions in "You might also like \(suggestions)." },
        offer: { percent, shipping in "As a valued customer, I'd like to offer you \(percent)% off your next order\(shipping ? ", together with free expedited shipping" : "")." },
        freeShippingOnly: "I'd like to offer you free expedited shipping on your next order.",
        welcomeBack: { days, withOffer in "It's been \(days) days since your last purchase, and we'd love to welcome you back\(withOffer ? " with this exclusive offer" : "")." },
        intentLine: { line in
            switch line {
            case .refund: "I've passed your request to our team, who will get back to you with the next steps."
            case .cancel: "I've passed your cancellation request to our team, who will confirm it shortly."
            case .billing: "I'm looking into the charge you mention and will get back to you shortly."
            case .account: "I'd be glad to help with your account."
            case .praise: "Thank you so much for your kind words - they mean a lot to our team!"
            case .discountAsked: "Our current promotions are always listed on our website and in our newsletter."
            case .general: "I'm looking into this and will get back to you shortly."
            }
        },
        manager: "I've also asked a manager to follow up with you personally.",
        and: "and",
        order: .english
    )

    static let spanish = TemplatePhrases(
        apology: "Le pido sinceras disculpas por los problemas con su pedido; entiendo lo frustrante que debe ser.",
        thanksForOrders: { orders, days in "Gracias por sus \(orders) pedidos en \(days) días: valoramos mucho su confianza." },
        thanksForWriting: "Gracias por escribirnos.",
        budget: "Entiendo que el presupuesto es importante.",
        hateToLose: "No queremos perderle como cliente.",
        recommend: { items in "Según sus pedidos anteriores de \(items), con gusto le sugiero colores y productos que combinen con ellos." },
        recommendWith: { items, suggestions in "Según sus pedidos anteriores de \(items), le sugiero \(suggestions), que nuestros clientes suelen comprar junto con ellos." },
        alsoLike: { suggestions in "Quizá también le guste \(suggestions)." },
        offer: { percent, shipping in "Como cliente valioso, me gustaría ofrecerle un \(percent)% de descuento en su próximo pedido\(shipping ? ", junto con envío urgente gratuito" : "")." },
        freeShippingOnly: "Me gustaría ofrecerle envío urgente gratuito en su próximo pedido.",
        welcomeBack: { days, withOffer in "Han pasado \(days) días desde su última compra y nos encantaría darle la bienvenida de nuevo\(withOffer ? " con esta oferta exclusiva" : "")." },
        intentLine: { line in
            switch line {
            case .refund: "He trasladado su solicitud a nuestro equipo, que le indicará los siguientes pasos."
            case .cancel: "He trasladado su solicitud de cancelación a nuestro equipo, que se la confirmará en breve."
            case .billing: "Estoy revisando el cargo que menciona y le responderé en breve."
            case .account: "Con gusto le ayudo con su cuenta."
            case .praise: "¡Muchas gracias por sus amables palabras; significan mucho para nuestro equipo!"
            case .discountAsked: "Nuestras promociones vigentes siempre aparecen en nuestra web y en nuestro boletín."
            case .general: "Estoy revisando su consulta y le responderé en breve."
            }
        },
        manager: "También he pedido a un responsable que se ponga en contacto con usted personalmente.",
        and: "y",
        order: .spanish
    )

    static let french = TemplatePhrases(
        apology: "Je vous présente nos sincères excuses pour ce problème avec votre commande ; je comprends à quel point c'est frustrant.",
        thanksForOrders: { orders, days in "Merci pour vos \(orders) commandes en \(days) jours : nous tenons beaucoup à votre confiance." },
        thanksForWriting: "Merci de nous avoir écrit.",
        budget: "Je comprends que le budget compte.",
        hateToLose: "Nous ne voudrions pas vous perdre comme client.",
        recommend: { items in "D'après vos commandes précédentes de \(items), je vous suggère volontiers des couleurs et des produits assortis." },
        recommendWith: { items, suggestions in "D'après vos commandes précédentes de \(items), je vous suggère \(suggestions), que nos clients achètent souvent avec." },
        alsoLike: { suggestions in "Ceci pourrait aussi vous plaire : \(suggestions)." },
        offer: { percent, shipping in "En tant que client fidèle, je vous propose \(percent) % de réduction sur votre prochaine commande\(shipping ? ", avec la livraison express offerte" : "")." },
        freeShippingOnly: "Je vous propose la livraison express offerte sur votre prochaine commande.",
        welcomeBack: { days, withOffer in "Votre dernier achat remonte à \(days) jours et nous serions ravis de vous retrouver\(withOffer ? " avec cette offre exclusive" : "")." },
        intentLine: { line in
            switch line {
            case .refund: "J'ai transmis votre demande à notre équipe, qui vous indiquera la marche à suivre."
            case .cancel: "J'ai transmis votre demande d'annulation à notre équipe, qui vous la confirmera rapidement."
            case .billing: "Je vérifie le prélèvement que vous mentionnez et je reviens vers vous rapidement."
            case .account: "Je vous aide volontiers avec votre compte."
            case .praise: "Merci beaucoup pour vos aimables mots, ils comptent beaucoup pour notre équipe !"
            case .discountAsked: "Nos promotions en cours figurent toujours sur notre site et dans notre newsletter."
            case .general: "J'examine votre demande et je reviens vers vous rapidement."
            }
        },
        manager: "J'ai également demandé à un responsable de vous recontacter personnellement.",
        and: "et",
        order: .french
    )

    static let german = TemplatePhrases(
        apology: "Es tut mir aufrichtig leid, dass es mit Ihrer Bestellung Probleme gab, und ich verstehe, wie ärgerlich das ist.",
        thanksForOrders: { orders, days in "Vielen Dank für Ihre \(orders) Bestellungen in \(days) Tagen – wir schätzen Ihre Treue sehr!" },
        thanksForWriting: "Vielen Dank für Ihre Nachricht.",
        budget: "Ich verstehe, dass der Preis wichtig ist.",
        hateToLose: "Wir möchten Sie ungern als Kunden verlieren.",
        recommend: { items in "Passend zu Ihren bisherigen Bestellungen von \(items) schlage ich Ihnen gern Farben und Produkte vor." },
        recommendWith: { items, suggestions in "Passend zu Ihren bisherigen Bestellungen von \(items) empfehle ich Ihnen \(suggestions), die unsere Kunden oft dazu kaufen." },
        alsoLike: { suggestions in "Vielleicht gefällt Ihnen auch \(suggestions)." },
        offer: { percent, shipping in "Als geschätztem Kunden biete ich Ihnen \(percent) % Rabatt auf Ihre nächste Bestellung an\(shipping ? ", dazu kostenlosen Expressversand" : "")." },
        freeShippingOnly: "Ich biete Ihnen kostenlosen Expressversand für Ihre nächste Bestellung an.",
        welcomeBack: { days, withOffer in "Ihr letzter Einkauf liegt \(days) Tage zurück, und wir würden uns freuen, Sie wieder begrüßen zu dürfen\(withOffer ? " – mit diesem exklusiven Angebot" : "")." },
        intentLine: { line in
            switch line {
            case .refund: "Ich habe Ihr Anliegen an unser Team weitergegeben, das sich mit den nächsten Schritten meldet."
            case .cancel: "Ich habe Ihren Stornierungswunsch an unser Team weitergegeben, das ihn in Kürze bestätigt."
            case .billing: "Ich prüfe die genannte Abbuchung und melde mich in Kürze."
            case .account: "Gern helfe ich Ihnen mit Ihrem Konto."
            case .praise: "Vielen Dank für Ihre freundlichen Worte – sie bedeuten unserem Team sehr viel!"
            case .discountAsked: "Unsere aktuellen Aktionen finden Sie immer auf unserer Website und in unserem Newsletter."
            case .general: "Ich kümmere mich darum und melde mich in Kürze."
            }
        },
        manager: "Außerdem habe ich eine Führungskraft gebeten, sich persönlich bei Ihnen zu melden.",
        and: "und",
        order: .german
    )
}

/// "year", "3 months", "2 years": how long a customer has been buying, in English.
private func englishSpan(_ days: Int) -> String {
    switch days {
    case ..<45: "few weeks"
    case ..<200: "\(Int((Double(days) / 30).rounded())) months"
    case ..<550: "year"
    default: "\(Int((Double(days) / 365).rounded())) years"
    }
}
