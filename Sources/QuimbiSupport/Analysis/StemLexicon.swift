import QuimbiCore

/// What a stem cue counts as: `weight` towards `intent`, under the name `signal`.
struct StemReading: Sendable {
    var intent: IntentLabel
    var signal: String
    var weight: Double
}

/// What a negator just before a stem cue does to it.
enum StemNegation: Sendable {
    /// The cue still counts ("no tracking number yet" still asks about tracking).
    case kept
    /// The cue is void ("not damaged", "no discount needed").
    case voided
    /// The cue means something else: "nothing has arrived" is a delivery complaint.
    case reads(StemReading)
}

/// A cue of the stem lexicon: single words, matched by beginning (`track*`), ending (`*adresse`)
/// or whole (`eta`), that each lend a little evidence to an intent.
struct StemCue: Sendable {
    var reading: StemReading
    var whenNegated: StemNegation
    var stems: [String]

    /// A cue worth `weight` towards `intent` as `signal`, for every word matching one of `stems`.
    init(
        _ intent: IntentLabel, _ signal: String, _ weight: Double, whenNegated: StemNegation = .kept, _ stems: [String]
    ) {
        reading = StemReading(intent: intent, signal: signal, weight: weight)
        self.whenNegated = whenNegated
        self.stems = stems
    }
}

/// Word stems by intent, in English, Spanish, French and German: the second stage of intent
/// reading, for wording the phrase lexicon does not know.
///
/// A stem is the vocabulary of a topic (`parcel`, `invoice`, `password`), not a sentence, so it
/// carries over to new wording. Alone, most stems are too weak to decide an intent: a reading needs
/// several topic words that agree, or one word that is unambiguous in a thread shop (`descuent*`,
/// `elsewhere`, `ruin*`). The weights are lower than the phrase cues', and ``IntentDetector`` asks more
/// evidence for intents that can earn an offer.
enum StemLexicon {
    static let cues: [StemCue] = orderStatus + complaints + churn + money + questions + accountAndPraise

    /// A question mark: with what the ticket asks about, a product question.
    static let question = StemReading(intent: .productQuestion, signal: "question", weight: 0.5)

    /// Arrival words negated ("nothing has arrived", "no he recibido") are a delivery complaint.
    private static let notArrived = StemReading(intent: .serviceComplaint, signal: "shipping_delay", weight: 2)

    private static let orderStatus: [StemCue] = [
        StemCue(.orderStatus, "tracking", 1.5, [
            "track*", "rastre*", "seguimiento*", "suivi", "suivre", "*verfolgung", "verfolg*",
        ]),
        StemCue(.orderStatus, "shipping", 1, [
            "ship*", "sent", "packed", "prepar*", "posted", "post", "postage", "postal", "dispatch*", "deliver*",
            "courier*", "warehouse*", "despach*", "almacen*", "correos", "entrepot*", "poste", "unterwegs", "enviad*",
            "envio*", "enviar*", "entreg*", "expedi*", "livr*", "versand*", "*versand", "versend*", "verschick*",
            "liefer*", "zustell*", "kurier*",
        ]),
        StemCue(.orderStatus, "parcel", 0.75, [
            "parcel*", "package*", "packet*", "shipment*", "paquet*", "colis", "paket*", "*paket", "sendung*",
        ]),
        StemCue(.orderStatus, "arrival", 1, whenNegated: .reads(notArrived), [
            "arriv*", "receiv*", "recib*", "lleg*", "recu", "recue", "recus", "recevoir", "recevrai", "ankomm*",
            "angekommen", "bekomm*", "erhalt*", "geliefert",
        ]),
        StemCue(.orderStatus, "confirmation", 0.75, ["confirm*", "*bestatigung"]),
        StemCue(.orderStatus, "news", 0.75, [
            "update", "updates", "news", "info", "information", "status", "progress", "estado", "noticias", "novedad*",
            "nouvelles", "statut", "avancement", "neuigkeit*", "stand",
        ]),
        StemCue(.orderStatus, "when", 0.5, ["when", "date", "cuando", "fecha", "quand", "wann", "datum"]),
        StemCue(.orderStatus, "yet", 0.5, ["yet", "already", "todavia", "aun", "ya", "encore", "deja", "noch", "schon"]),
    ]

    private static let complaints: [StemCue] = [
        StemCue(.serviceComplaint, "damaged", 2.5, whenNegated: .voided, [
            "damag*", "ruin*", "broke", "broken", "defect*", "faulty", "torn", "scratch*", "dented", "leak*", "stain*",
            "mould*", "moldy", "dirty", "bent", "snap*", "squash*", "unusable", "rust*", "empty", "crush*", "crack*",
            "frayed", "unravel*", "danad*", "roto", "rota", "rotos", "rotas", "estropead*", "defectu*", "manchad*",
            "aplastad*", "enredad*", "sucio*", "inservible*", "oxidad*", "vacio", "vacia", "abim*", "endommag*",
            "casse", "cassee", "casses", "cassees", "dechir*", "ecras*", "emmel*", "inutilisable*", "rouill*", "vide",
            "defectueu*", "kaputt*", "beschadig*", "defekt*", "zerriss*", "gerissen", "zerbroch*", "verschmutz*",
            "zerdruckt", "gequetscht", "verheddert", "unbrauchbar", "schmutzig", "rostig*",
        ]),
        StemCue(.serviceComplaint, "wrong_item", 1.5, whenNegated: .voided, [
            "wrong", "instead", "partial*", "equivocad*", "incorrect*", "parcial*", "lieu", "partiel*", "falsch*",
            "statt", "anstatt", "anstelle",
        ]),
        StemCue(.serviceComplaint, "received", 1, [
            "got", "received", "arrived", "recibi", "recibido", "llegaron", "llegado", "llego", "recu", "recue",
            "recus", "arrivee", "arrivees", "bekommen", "erhalten", "angekommen", "geliefert",
        ]),
        StemCue(.serviceComplaint, "waiting", 1.5, ["wait*", "esper*", "attend*", "wart*"]),
        StemCue(.serviceComplaint, "time_span", 1, [
            "week*", "fortnight*", "days", "month*", "semana*", "dias", "meses", "semaine*", "jours", "mois", "woche*",
            "tage", "tagen", "monat*",
        ]),
        StemCue(.serviceComplaint, "lost", 2.5, [
            "vanish*", "disappear*", "desaparec*", "disparu*", "verschwunden",
        ]),
        StemCue(.serviceComplaint, "stalled", 1.5, whenNegated: .voided, [
            "slow*", "stuck", "lent", "lento", "lenta", "atascad*", "bloquead*", "bloque", "bloquee", "langsam*",
            "feststeck*",
        ]),
    ]

    private static let churn: [StemCue] = [
        StemCue(.churnThreat, "competitor", 2.5, [
            "elsewhere", "competi*", "concurren*", "konkurren*", "woanders", "ailleurs",
        ]),
        StemCue(.churnThreat, "somewhere", 1, ["somewhere"]),
        StemCue(.churnThreat, "leaving", 1.5, whenNegated: .voided, ["leav*", "quit*", "switch*", "goodbye", "adios"]),
        StemCue(.churnThreat, "price_words", 1, [
            "price*", "pricey", "cheap*", "cost*", "expensiv*", "precio*", "caro", "cara", "caros", "prix", "cher",
            "chers", "preis*", "teuer*",
        ]),
    ]

    private static let money: [StemCue] = [
        StemCue(.discountRequest, "discount", 2.5, whenNegated: .voided, [
            "discount*", "deals", "*rabatt", "*rabatte", "coupon*", "voucher*", "promo", "promos", "promocode*",
            "promocion", "promociones", "descuent*", "cupon*", "rebaj*", "remise*", "reduc*", "soldes", "rabatt*",
            "gutschein*",
        ]),
        StemCue(.billing, "billing", 1.5, [
            "charg*", "overcharg*", "invoice*", "receipt*", "bill", "billed", "billing", "pay", "paid", "payment*",
            "tax", "taxes", "vat", "cobr*", "pagar", "pagado", "impuesto*", "factur*", "recibo*", "pago*", "iva",
            "debit*", "payer", "paye", "paiement*", "tva", "abbuch*", "abgebucht", "belastet", "rechnung*",
            "quittung*", "zahlung*", "bezahl*", "berechn*", "mwst",
        ]),
        StemCue(.billing, "card", 0.75, ["card", "paypal", "tarjeta*", "carte", "kreditkarte*"]),
        StemCue(.billing, "twice", 0.75, ["twice", "doubl*", "doppelt*"]),
        StemCue(.billing, "amount", 0.75, ["amount*", "total", "importe", "montant", "betrag*"]),
        StemCue(.cancelOrder, "cancel", 1.5, whenNegated: .voided, [
            "cancel*", "scrap", "scrapped", "void", "voided", "withdraw*", "anul*", "annul*", "storn*", "abbestell*",
            "widerruf*", "zurucktret*", "rucktritt*",
        ]),
        StemCue(.cancelOrder, "stop", 0.75, ["stop", "detener", "arreter", "arretez", "stoppen"]),
        StemCue(.cancelOrder, "before", 0.75, ["before", "antes", "avant", "bevor"]),
        StemCue(.refundReturn, "refund", 1.5, whenNegated: .voided, [
            "refund*", "reimburs*", "reembols*", "rembours*", "erstatt*", "*erstattung",
        ]),
        StemCue(.refundReturn, "return", 1.5, whenNegated: .voided, [
            "return*", "exchang*", "swap*", "devol*", "devuel*", "retourn*", "renvoy*", "renvoi*", "zurucksend*",
            "zuruckgeb*", "*rucksendung", "retour*", "umtausch*", "zuruckschick*", "cambiarlo", "cambiarla",
            "cambiarlos", "cambiarlas",
        ]),
        StemCue(.refundReturn, "money", 1, ["money", "dinero", "argent", "geld"]),
        StemCue(.refundReturn, "sending", 0.75, ["send", "sending", "sent", "envoy*", "renvoi*", "schick*"]),
        StemCue(.refundReturn, "back", 1, ["back", "zuruck"]),
    ]

    private static let questions: [StemCue] = [
        StemCue(.productQuestion, "product", 1, [
            "thread*", "spool*", "cone", "cones", "*garn", "*faden", "*nadel", "*nadeln", "needle*", "bobbin*",
            "hoop*", "fabric*", "yarn*", "floss*", "polyester", "cotton*", "rayon", "silk*", "metallic*", "hilo*",
            "carrete*", "aguja*", "tela*", "algodon", "fil", "fils", "bobine*", "aiguille*", "tissu*", "coton",
            "garn*", "faden*", "spule*", "nadel*", "stoff*", "baumwoll*",
        ]),
        StemCue(.productQuestion, "suitability", 1.5, whenNegated: .voided, [
            "fit", "fits", "shrink*", "wash*", "iron*", "fade", "fades", "bleed*", "passt", "passen", "*fest",
            "solide*", "robust*", "assez", "suficiente*", "genug", "stark", "suitab*", "enough", "strong*", "durab*",
            "washab*", "colorfast*", "colourfast*", "compatib*", "sirve*", "resist*", "adecuad*", "convien*",
            "adapte*", "lavable*", "geeignet*", "eignet*", "taugt", "waschbar*",
        ]),
        StemCue(.productQuestion, "detail", 1, [
            "use", "using", "uso", "made", "hecho", "fabrique*", "hergestellt", "different", "differ*", "diferencia*",
            "unterschied*", "yard*", "metre*", "meter*", "length*", "thick*", "weight*", "size*", "colour*", "color*",
            "shade*", "ply", "wt", "usar", "largo", "grosor", "tamano", "utiliser", "longueur", "epaisseur", "taille",
            "couleur*", "verwenden", "benutzen", "lange", "starke", "grosse", "farbe*",
        ]),
        StemCue(.productQuestion, "availability", 1.5, [
            "stock*", "availab*", "exist*", "disponib*", "lieferbar*", "vorratig*",
        ]),
    ]

    private static let accountAndPraise: [StemCue] = [
        StemCue(.account, "credentials", 1.5, [
            "password*", "passwort*", "contrasen*", "login*", "logon", "logged", "username*", "account*", "usuario*",
            "identifiant*", "connexion*", "*konto", "konto*", "anmeld*", "benutzer*", "profil*",
        ]),
        StemCue(.account, "signup", 0.75, ["regist*", "inscri*", "sign", "signed"]),
        StemCue(.account, "subscription", 1.5, [
            "newsletter*", "mailing*", "marketing", "unsubscrib*", "subscri*", "suscri*", "desuscri*", "boletin*",
            "abonn*", "desabonn*", "abmeld*",
        ]),
        StemCue(.account, "contact_details", 1, [
            "address*", "adress*", "*adresse", "email", "emails", "mail", "details", "direccion*", "correo*", "datos",
            "courriel*", "donnees", "daten",
        ]),
        StemCue(.account, "update", 0.75, [
            "chang*", "updat*", "modif*", "remove", "delete*", "edit*", "cambi*", "actualiz*", "borr*", "supprim*",
            "andern", "*andert", "*anderung", "losch*", "entfern*", "stop",
        ]),
        StemCue(.praise, "praise", 2, whenNegated: .voided, [
            "appreciat*", "grateful", "gorgeous", "lovely", "brilliant", "superb", "perfect*", "agradec*",
            "agradecid*", "perfecto*", "parfait*", "reconnaissant*", "ravi", "ravie", "dankbar*", "perfekt*",
        ]),
        StemCue(.praise, "speed", 1, whenNegated: .voided, [
            "quick*", "fast*", "speedy", "rapid*", "prompt*", "veloz", "rapidez", "schnell*", "zugig*",
        ]),
        StemCue(.praise, "thanks", 0.5, ["thank*", "thx", "gracias", "merci", "danke*", "dank"]),
    ]
}
