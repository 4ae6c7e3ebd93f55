import QuimbiCore

/// A cue of the intent lexicon: the phrases that raise `signal`, towards `intent` (or a policy
/// flag such as `legal_threat` when `intent` is nil), with a weight.
struct IntentCue: Sendable {
    var intent: IntentLabel?
    var signal: String
    var weight: Double
    var phrases: [String]
}

/// The intent lexicon for e-commerce support, in English, Spanish, French and German.
/// Phrases are matched as token sequences after lowercasing and diacritic folding.
enum IntentLexicon {
    static let cues: [IntentCue] = churn + complaints + orders + money + questions + accountAndPraise + flags
    /// The signals of the policy flags (cues without an intent).
    static let flagSignals: Set<String> = Set(flags.map(\.signal))

    private static let churn: [IntentCue] = [
        IntentCue(intent: .churnThreat, signal: "competitor", weight: 2.5, phrases: [
            "different supplier", "another supplier", "other supplier", "new supplier", "competitor", "competitors",
            "other store", "another store", "another shop", "ordering from another", "buy from someone else", "not worth it", "no longer worth", "keep buying", "keep ordering", "half the price", "cheaper elsewhere", "better prices", "better price", "other sellers", "another seller", "other shops", "other stores", "another brand", "other brands", "otra marca", "autre marque", "andere marke", "otras tiendas", "autres boutiques", "andere shops",
            "anderen shops", "found another", "find another", "amazon", "etsy", "why should i stay", "why would i stay", "give me a reason", "other shop", "another shop", "shop elsewhere", "buy elsewhere", "order elsewhere",
            "go elsewhere", "going elsewhere", "somewhere else", "switch to", "switching to", "take my business",
            "otro sitio", "otra parte", "otro lado", "autre part", "autre site", "anderswo", "anderen shop", "anderen laden",
            "anderen handler", "otro proveedor", "la competencia", "competencia", "otra tienda", "autre fournisseur", "concurrent", "concurrents",
            "la concurrence", "ailleurs", "anderen anbieter", "anderer anbieter", "konkurrenz", "woanders", "wettbewerber",
        ]),
        IntentCue(intent: .churnThreat, signal: "leaving", weight: 2.5, phrases: [
            "never order again", "never ordering again", "never buy again", "never buying again", "never shop here again",
            "done with you", "done with your", "last time i order", "last order from you", "lost a customer", "lose a customer",
            "lost me as a customer", "thinking about leaving", "thinking of leaving", "stop buying", "stop ordering",
            "not coming back", "wont be back", "last order with you", "my last order with", "unless something changes", "taking my business", "shop somewhere else", "buy somewhere else", "wont be ordering", "close my account", "cancel my membership",
            "cancel my subscription", "unsubscribe me from everything",
            "no vuelvo a comprar", "nunca mas compro", "dejare de comprar", "ultima vez que compro",
            "je ne commanderai plus", "plus jamais", "derniere fois que je commande", "je vais partir",
            "nie wieder", "nicht mehr bestellen", "letzte bestellung bei ihnen", "kunde verloren",
        ]),
        IntentCue(intent: .churnThreat, signal: "price", weight: 1.5, phrases: [
            "prices seem high", "prices are high", "price is high", "too expensive", "so expensive", "overpriced",
            "cheaper", "prices went up", "price increase", "raised your prices", "high compared",
            "demasiado caro", "precios altos", "mas barato", "trop cher", "prix eleves", "moins cher",
            "zu teuer", "preise sind hoch", "billiger", "gunstiger",
        ]),
    ]

    private static let complaints: [IntentCue] = [
        IntentCue(intent: .serviceComplaint, signal: "shipping_delay", weight: 2.5, phrases: [
            "took forever", "taking forever", "says delivered", "shows delivered", "shows as delivered", "marked delivered", "nothing in my mailbox", "not in my mailbox", "never showed up", "sitting at the depot", "sitting at", "stuck at", "held at customs", "no update", "no tracking update", "hasnt turned up", "not turned up", "still hasnt", "hasnt shown up", "not shown up", "didnt turn up", "still nothing", "days late", "weeks late", "overdue", "stuck in transit", "no movement", "seit drei wochen", "seit wochen", "unterwegs seit", "toujours rien", "takes forever", "late", "delayed", "delay", "still waiting", "still hasnt arrived",
            "still not arrived", "no sign of", "not here", "isnt here", "arent here", "nicht da", "slow shipping", "slow delivery", "took weeks", "weeks to arrive", "weeks to ship",
            "hasnt shipped", "not shipped yet", "still not shipped", "never arrived", "never received", "never got",
            "havent received", "didnt receive", "did not receive", "not received", "has not arrived", "hasnt arrived",
            "not arrived", "not delivered", "lost in the mail", "lost package", "package is lost", "marked as delivered", "been lost", "got lost", "was lost", "is lost",
            "retraso", "retrasado", "todavia no llega", "aun no llega", "no ha llegado", "nunca llego", "tarda mucho",
            "en retard", "retard", "toujours pas recu", "jamais recu", "pas encore arrive", "pas arrive", "na pas ete livre",
            "verspatet", "verspatung", "immer noch nicht", "nicht angekommen", "nie angekommen", "noch nicht geliefert",
            "warte seit", "dauert ewig",
        ]),
        IntentCue(intent: .serviceComplaint, signal: "damaged", weight: 2.5, phrases: [
            "damaged", "broken", "unwound", "tangled", "knots", "frayed", "faded", "quality has dropped", "quality dropped", "cheap quality", "came open", "fell out", "spilled", "ripped", "soaked", "wet", "water damaged", "stained", "snapping", "keeps breaking", "knotted", "unusable", "arrived torn", "torn", "crushed", "smashed", "cracked", "defective", "faulty",
            "doesnt work", "does not work", "stopped working", "poor quality", "bad quality", "falling apart", "frayed", "tangled mess",
            "danado", "roto", "defectuoso", "mala calidad", "endommage", "abime", "casse", "defectueux", "mauvaise qualite",
            "beschadigt", "kaputt", "defekt", "schlechte qualitat", "zerbrochen",
        ]),
        IntentCue(intent: .serviceComplaint, signal: "wrong_item", weight: 2.5, phrases: [
            "wrong item", "wrong items", "you forgot", "forgot the", "left out", "not included", "wasnt included", "wasnt in the box", "ganz anders", "anders als", "nicht wie abgebildet", "pas comme sur la photo", "distinto", "diferente", "different shade", "different colour", "different color", "not as pictured", "not as described", "doesnt match the photo", "looks nothing like", "somebody elses order", "someone elses order", "instead of mine", "wrong parcel", "wrong package", "wrong color", "wrong colour", "wrong size", "wrong product", "wrong order",
            "not what i ordered", "sent me the wrong", "different color than", "missing item", "missing items",
            "item missing", "items missing", "missing", "was missing", "were missing", "only got", "only received", "incomplete order",
            "articulo equivocado", "color equivocado", "me enviaron otro", "falta un", "faltan", "mauvais article",
            "mauvaise couleur", "il manque", "manquant", "falscher artikel", "falsche farbe", "fehlt", "fehlen", "unvollstandig",
        ]),
        IntentCue(intent: .serviceComplaint, signal: "frustration", weight: 1, phrases: [
            "frustrating", "frustrated", "whats going on", "fed up", "sick of", "frechheit", "ras le bol", "harto", "harta", "frustration", "unacceptable", "disappointed", "disappointing", "ridiculous",
            "terrible service", "worst service", "awful service", "poor service", "customer service is", "getting frustrating",
            "frustrante", "inaceptable", "decepcionado", "decepcionada", "inadmissible", "decu", "decue", "inacceptable",
            "enttauscht", "inakzeptabel", "unverschamt", "argerlich",
        ]),
    ]

    private static let orders: [IntentCue] = [
        IntentCue(intent: .orderStatus, signal: "where_is_order", weight: 2.5, phrases: [
            "where is my order", "wheres my order", "left your warehouse", "left the warehouse", "has it left", "been sent", "sent out", "shipped out", "on its way", "on the way", "en camino", "en route",
            "ou en est", "wo ist mein", "wo bleibt", "donde esta mi", "when * arrive", "cuando enviaran", "enviaran", "enviado", "versandt", "wann kommt meine", "any news", "been dispatched", "dispatched yet", "shipped yet", "ship yet", "dispatched", "dispatch date", "has my order", "update on my order", "any news on my order", "cuando sale mi pedido", "enviado ya", "quand * expediee", "expediee", "expedie", "quand ma commande", "wann wird * versendet", "versendet", "verschickt", "where is my package", "wheres my package", "where is my parcel",
            "where is my * order", "where is my * parcel", "where is my * package", "were is my order", "were is my package",
            "were is my parcel", "where my order is", "where my parcel is", "where my package is",
            "where is order", "wheres order", "where is the order", "has order * shipped", "has order * been shipped",
            "did order * ship", "donde esta el pedido", "ou est la commande", "wo ist die bestellung",
            "where is my stuff", "where is it", "order status", "status of my order", "status of order", "has it shipped",
            "has my order shipped", "did my order ship", "when will my order", "when will it arrive", "when will it ship",
            "when does it ship", "when will i receive", "when will i get", "eta", "estimated delivery", "delivery date",
            "track my order", "tracking number", "tracking", "tracking link", "shipping update", "any update on my order",
            "donde esta mi pedido", "estado de mi pedido", "cuando llega", "cuando llegara", "numero de seguimiento",
            "seguimiento", "ou est ma commande", "ou en est ma commande", "suivi", "numero de suivi", "quand vais je recevoir",
            "quand sera livree", "wo ist meine bestellung", "wo bleibt meine bestellung", "sendungsverfolgung",
            "wann kommt", "wann wird", "status meiner bestellung", "trackingnummer",
        ]),
        IntentCue(intent: .cancelOrder, signal: "cancel", weight: 1.5, phrases: ["cancel", "cancelar", "annuler", "stornieren"]),
        IntentCue(intent: .cancelOrder, signal: "ordered_by_mistake", weight: 1, phrases: [
            "ordered by mistake", "ordered the wrong", "by mistake", "changed my mind", "change of heart",
        ]),
        IntentCue(intent: .cancelOrder, signal: "cancel_order", weight: 3, phrases: [
            "cancel my order", "cancel the order", "cancel this order", "cancel order", "cancel my last order",
            "cancel my purchase", "like to cancel", "call off", "please cancel", "want to cancel", "need to cancel", "cancel it", "cancellation",
            "change my order before it ships", "stop my order",
            "cancelar mi pedido", "cancelar el pedido", "anular mi pedido", "annuler ma commande", "annuler la commande",
            "annulation", "bestellung stornieren", "stornieren", "stornierung", "storno",
        ]),
        IntentCue(intent: .refundReturn, signal: "refund", weight: 2.5, phrases: [
            "refund", "refunded", "where is my money", "wheres my money", "get my money", "refund status", "credit back", "my money back", "money back", "reimburse", "reimbursement",
            "reembolso", "devolucion del dinero", "devuelvan mi dinero", "rembourser", "remboursement", "rembourse",
            "erstattung", "ruckerstattung", "geld zuruck", "erstatten",
        ]),
        IntentCue(intent: .refundReturn, signal: "refund_pending", weight: 1.5, phrases: [
            "my refund", "refund status", "waiting for my refund", "waiting on my refund", "mi reembolso", "mon remboursement",
            "meine erstattung",
        ]),
        IntentCue(intent: .refundReturn, signal: "return", weight: 2, phrases: [
            "return", "returns", "swap", "can i swap", "swap for", "exchange it", "send back", "sending back", "returned the", "i returned", "bring it back", "return it", "return policy", "send it back", "send them back", "exchange", "swap it",
            "return label", "devolver", "devolucion", "cambiar", "retourner", "retour", "echanger", "renvoyer",
            "zurucksenden", "zurückgeben", "rucksendung", "umtauschen", "umtausch", "retoure",
        ]),
    ]

    private static let money: [IntentCue] = [
        IntentCue(intent: .discountRequest, signal: "discount", weight: 2.5, phrases: [
            "discount", "discounts", "loyalty discount", "any offers", "wholesale", "bulk discount", "guild discount", "trade pricing", "pricing for", "descuento para", "special offer", "student discount", "free shipping code", "coupon", "promo code", "promo", "discount code", "voucher", "any deals", "a deal",
            "% off", "on sale", "en oferta", "en solde", "en soldes", "im angebot", "special price", "precio especial", "prix special", "sonderpreis", "sale coming", "any sales", "loyalty discount", "bulk pricing", "price match",
            "free shipping", "free delivery", "envio gratis", "envio gratuito", "livraison gratuite", "livraison offerte",
            "kostenloser versand", "kostenlose lieferung", "versandkostenfrei",
            "descuento", "cupon", "codigo promocional", "oferta", "reduction", "code promo", "remise", "bon de reduction",
            "rabatt", "gutschein", "rabattcode", "angebot",
        ]),
        IntentCue(intent: .billing, signal: "billing", weight: 2.5, phrases: [
            "charged twice", "double charged", "got charged", "was charged", "on my statement", "statement", "dont recognise", "dont recognize", "unknown charge", "cobraron", "me cobraron", "cobro", "prelevement", "abgebucht", "belastet", "been charged", "charged but", "paid but", "payment", "charged me", "transaction", "charged me twice", "overcharged", "extra charge", "wrong amount",
            "charge on my card", "charged my card", "unauthorized charge", "invoice", "receipt", "billing", "payment failed",
            "payment declined", "card declined", "card was declined", "payment didnt go through", "paid twice", "vat", "sales tax",
            "cobro doble", "me cobraron dos veces", "cobrado", "factura", "pago rechazado", "facture", "debite deux fois",
            "paiement refuse", "prelevement", "rechnung", "doppelt abgebucht", "zahlung fehlgeschlagen", "abbuchung",
        ]),
    ]

    private static let questions: [IntentCue] = [
        IntentCue(intent: .productQuestion, signal: "recommendation", weight: 2.5, phrases: [
            "recommend", "recommendation", "recommendations", "suggest", "suggestion", "suggestions", "which color",
            "which colors", "what color", "what colors", "what colour", "thread colors", "colors would", "what would go",
            "goes well with", "match my", "pair with", "best for", "should i buy", "should i get", "what would you use",
            "what do you use", "would you use",
            "recomendar", "recomiendan", "recomendacion", "que color", "sugerencia", "recommander", "recommandez",
            "quelle couleur", "conseiller", "empfehlen", "empfehlung", "welche farbe", "vorschlag",
        ]),
        IntentCue(intent: .productQuestion, signal: "sells", weight: 2.5, phrases: [
            "do you sell", "do you stock", "do you carry", "venden", "vous vendez", "vendez vous", "verkaufen sie",
        ]),
        IntentCue(intent: .productQuestion, signal: "product_question", weight: 1.5, phrases: [
            "also in", "tambien en", "aussi en", "auch in",
            "do you have", "do you sell", "which needle", "what needle", "come in", "does it come", "darker", "lighter", "best way to", "which thread", "what thread", "conseiller", "conseillez", "que me recomienda", "welches garn", "welchen faden", "works best", "work best", "work with", "good for", "can i use", "will it work", "thread weight", "do you stock", "coming back in stock", "available in", "what is the difference", "do you carry", "is it compatible", "compatible with", "what size", "which size",
            "in stock", "back in stock", "restock", "out of stock", "how do i use", "how to use", "difference between",
            "what is the", "made of", "how many meters", "how long is", "what weight", "is this suitable",
            "tienen", "venden", "en stock", "disponible", "de que esta hecho", "vous avez", "avez vous", "en rupture",
            "est ce compatible", "haben sie", "verkaufen sie", "auf lager", "wieder verfugbar", "passt das",
        ]),
    ]

    private static let accountAndPraise: [IntentCue] = [
        IntentCue(intent: .account, signal: "account", weight: 2.5, phrases: [
            "password", "log in", "my profile", "account settings", "marketing emails", "stop sending", "opt out", "login", "sign in", "cant log", "locked out", "account locked", "reset my password",
            "change my email", "update my email", "change my address", "update my address", "shipping address",
            "delete my account", "my account", "newsletter", "unsubscribe", "stop emailing", "email preferences",
            "contrasena", "iniciar sesion", "mi cuenta", "mot de passe", "mon compte", "se connecter", "connexion",
            "passwort", "anmelden", "mein konto", "kundenkonto", "adresse andern",
        ]),
        IntentCue(intent: .praise, signal: "praise", weight: 2, phrases: [
            "love your", "love the", "the best", "youre the best", "fastest delivery", "best service", "so happy", "very happy", "really happy", "impressed", "well done", "top notch", "loved the", "love it", "love them", "great job", "great service", "great quality",
            "amazing", "awesome", "excellent", "fantastic", "wonderful", "beautiful", "just wanted to say thanks",
            "just wanted to say thank you", "keep up the good work", "highly recommend", "best shop", "best store",
            "me encanta", "excelente", "maravilloso", "gracias por todo", "j adore", "excellent service", "merci beaucoup",
            "ich liebe", "tolle", "toller", "vielen dank", "hervorragend", "ausgezeichnet",
        ]),
        IntentCue(intent: .praise, signal: "thanks", weight: 0.5, phrases: [
            "thank you", "thanks", "thank u", "thx", "gracias", "merci", "danke",
        ]),
    ]

    /// Policy flags: not intents, but signals the escalation rules read.
    private static let flags: [IntentCue] = [
        IntentCue(intent: nil, signal: "legal_threat", weight: 0, phrases: [
            "lawyer", "attorney", "solicitor", "sue", "sue you", "suing", "legal action", "small claims", "court",
            "consumer protection", "trading standards", "better business bureau", "bbb", "report you",
            "abogado", "demanda", "denunciar", "avocat", "poursuite", "tribunal", "anwalt", "rechtsanwalt", "klage",
            "verbraucherschutz", "gericht",
        ]),
        IntentCue(intent: nil, signal: "chargeback", weight: 0, phrases: [
            "chargeback", "charge back", "dispute the charge", "dispute with my bank", "contact my bank", "call my bank",
            "paypal dispute", "open a dispute", "file a dispute", "credit card company",
            "contracargo", "disputa", "mi banco", "ma banque", "opposition", "litige", "meine bank", "ruckbuchung",
            "widerspruch",
        ]),
        IntentCue(intent: nil, signal: "repeated_contact", weight: 0, phrases: [
            "second time", "third time", "fourth time", "many times", "several times", "multiple times",
            "emailed you twice", "emailed twice", "contacted you", "written to you", "still no reply", "still no answer",
            "no one answered", "nobody answered", "no one replied", "nobody replied", "no response", "no reply",
            "again and again", "asked before", "already asked", "already emailed", "already contacted", "follow up on my",
            "varias veces", "otra vez", "sin respuesta", "plusieurs fois", "encore une fois", "sans reponse", "toujours pas de reponse",
            "mehrmals", "schon wieder", "keine antwort", "zum dritten mal", "zum zweiten mal",
        ]),
        // Text that addresses the reader's instructions rather than the shop: see ``PromptInjectionGuard``.
        IntentCue(intent: nil, signal: PromptInjectionGuard.signal, weight: 0, phrases: PromptInjectionGuard.phrases),
    ]
}
