import QuimbiCore

/// The fourth held-out round: 80 tickets (56 en, 8 es, 8 fr, 8 de) written by someone who never saw the
/// lexicon, and never used to tune it. Their accuracy is the honest estimate on unseen wording.
/// (Rounds one to three were each measured once, then joined the tuning set in ``LabelledTickets``.)
enum HeldOutTickets: LabelledTicketList {
    static let all: [LabelledTicket] = [
        // MARK: churnThreat (9)
        t("honestly ive had enough. 3 orders in a row with problems and nobody answers my emails. just close my account, im done with you guys", .churnThreat),
        t("Your shipping costs went up AGAIN?? $9.95 to post a single packet of needles. The craft store down the road it is then. Bye.", .churnThreat),
        t("I've bought my Gütermann thread from you for six years, but the prices lately are ridiculous. If nothing changes I'll be taking my business to Wawak.", .churnThreat),
        t("Great, another 'price adjustment'. Love paying more for the exact same bobbins every month. Pretty sure Amazon will be thrilled to have me.", .churnThreat),
        t("Please remove my account. After the way I was spoken to on the phone yesterday I won't be shopping with you again, and I'll be telling my sewing group why.", .churnThreat),
        t("I'm writing on behalf of our quilting guild, 14 of us who order from you regularly. The last two price rises plus the new higher minimum for free delivery have made you the most expensive supplier we know of. Several members have already started buying elsewhere. If we don't hear something reasonable back, the rest of us will be switching at the end of the month.", .churnThreat),
        t("Estoy harta. Los precios suben cada mes y el envío cuesta más que el hilo. Me voy a otra tienda, borren mi cuenta.", .churnThreat, "es"),
        t("Franchement, vos tarifs deviennent n'importe quoi. Je trouve les mêmes bobines 30 % moins cher ailleurs, ce sera donc ma dernière commande chez vous.", .churnThreat, "fr"),
        t("Das war's für mich. Dritte Preiserhöhung in diesem Jahr – ab jetzt bestelle ich bei der Konkurrenz. Bitte mein Kundenkonto schließen.", .churnThreat, "de"),

        // MARK: serviceComplaint (12)
        t("Order #48213 — I ordered a 6 inch embroidery hoop and got a 10 inch one. I need the 6 for a project this weekend.", .serviceComplaint),
        t("The fabric scissors turned up with the tip snapped clean off, and the box looked like it had been driven over. I'd like my money back for these please, not a replacement.", .serviceComplaint),
        t("its been 3 and a half weeks and still no sign of my package. tracking hasnt moved since it left your warehouse. this is beyond a joke", .serviceComplaint),
        t("Hi there, I opened my parcel this morning and the metal zippers are all there, but the pack of size 14 machine needles isn't. It's on the packing slip though. Could you send it out? Order 55902.", .serviceComplaint),
        t("The 'navy' thread I ordered is very clearly royal blue. Nothing like the photo. Disappointed.", .serviceComplaint),
        t("Half the bobbins in the pack of 25 are warped and wobble on the spindle. They jam my machine every few inches.", .serviceComplaint),
        t("WHERE IS MY ORDER. I paid for express shipping on the 2nd and it's now the 19th. Nobody replies to anything. I want an explanation.", .serviceComplaint),
        t("Button set arrived and about a third of them are cracked down the middle. Thanks for nothing.", .serviceComplaint),
        t("I am honestly so fed up. I ordered a quilting starter kit for my granddaughter's birthday and it showed up four days late with the box crushed. The rotary cutter blade was rusty and the cutting mat was bent in half. I ended up buying everything again at a local shop the night before the party. What a waste of time and money.", .serviceComplaint),
        t("Me llegó el paquete pero falta el bastidor de bordar que pedí. Pedido n.º 60117.", .serviceComplaint, "es"),
        t("Bonjour, les aiguilles reçues sont toutes tordues dans la boîte, impossible de les utiliser. Je souhaite être remboursée. Commande 57340.", .serviceComplaint, "fr"),
        t("Die Lieferung kam heute an, aber statt schwarzem Garn war weißes drin. Bestellnummer 51876. Bitte um Umtausch.", .serviceComplaint, "de"),

        // MARK: orderStatus (9)
        t("Has order 61022 gone out yet? Just checking, no rush.", .orderStatus),
        t("hi, I placed an order on sunday and never got a shipping confirmation email, is that normal", .orderStatus),
        t("Can you tell me roughly when my shipment will reach Cornwall? I need the thread before the 14th.", .orderStatus),
        t("The tracking link in my email just says 'label created' — does that mean it's left you or not?", .orderStatus),
        t("Quick one: which courier is bringing #59871? I want to keep an eye out for the van.", .orderStatus),
        t("Hello! I ordered a set of quilting rulers and a gift card last Friday. Could you let me know whether they're being sent together or separately, and when I might expect them? Many thanks, Margaret", .orderStatus),
        t("Hola, ¿ya han enviado mi pedido 58440? Todavía no me ha llegado ningún número de seguimiento.", .orderStatus, "es"),
        t("Bonjour, pourriez-vous me communiquer le numéro de suivi de ma commande 60285 ? Merci d'avance.", .orderStatus, "fr"),
        t("Hallo, wann ungefähr wird mein Paket zugestellt? Ich habe am Montag bestellt.", .orderStatus, "de"),

        // MARK: refundReturn (7)
        t("I bought two spools of the metallic gold thread and only ended up using one. Can I send the unopened one back?", .refundReturn),
        t("What's your return window? Someone gave me a hoop as a present and I already own the exact same one.", .refundReturn),
        t("I sent the zipper assortment back on the 3rd (tracked, you signed for it on the 6th). When will the money land in my account?", .refundReturn),
        t("changed my mind about the bernina needles, turns out i had a full box in the drawer all along lol. how do i get reimbursed", .refundReturn),
        t("Do I have to pay the postage to send something back if there's nothing wrong with it? I ordered the wrong weight of batting by mistake.", .refundReturn),
        t("Quiero devolver las tijeras, al final no las necesito. Siguen sin abrir. ¿Cómo lo hago?", .refundReturn, "es"),
        t("Ich habe vor zwei Wochen eine Rücksendung gemacht und warte immer noch auf die Erstattung. Können Sie bitte nachsehen?", .refundReturn, "de"),

        // MARK: cancelOrder (6)
        t("Please cancel order 62207, I placed it twice by accident.", .cancelOrder),
        t("can u scrap my last order before it ships? found everything i needed at a fabric fair this weekend", .cancelOrder),
        t("Hi, I'd like to stop order #61990 if it hasn't been packed yet. My sewing machine has died so I won't need the presser feet after all. Thanks.", .cancelOrder),
        t("CANCEL IT. I clicked the wrong colour and there's no way to edit the order on your site.", .cancelOrder),
        t("Por favor, anulen mi pedido 61534, me equivoqué de tamaño de aguja y prefiero volver a hacerlo.", .cancelOrder, "es"),
        t("Est-il encore possible d'annuler ma commande d'hier ? Je n'en ai finalement plus besoin.", .cancelOrder, "fr"),

        // MARK: productQuestion (9)
        t("Do you carry silk thread for hand quilting or only polyester?", .productQuestion),
        t("Which needle size would you recommend for sewing denim on a home machine", .productQuestion),
        t("Are the 8\" dressmaking shears suitable for left-handed people?", .productQuestion),
        t("When will the variegated Aurifil spools be back in stock? They've been sold out for weeks.", .productQuestion),
        t("Looking for metal zips around 60cm for a winter coat — do you have them in dark green or just black?", .productQuestion),
        t("I'm a total beginner wanting to try embroidery. What size hoop should I start with, and is your beginner kit worth it or am I better off buying the bits separately?", .productQuestion),
        t("¿Tienen agujas de punta bola para máquina de coser? Las busco para tela elástica.", .productQuestion, "es"),
        t("Vendez-vous des cercles à broder en bois de 30 cm ?", .productQuestion, "fr"),
        t("Sind die Spulen aus Metall oder aus Kunststoff? Ich brauche welche für eine Pfaff.", .productQuestion, "de"),

        // MARK: discountRequest (6)
        t("Any chance of a promo code for a first order? About to spend quite a bit on quilting fabric.", .discountRequest),
        t("I'm a teacher buying supplies for our school sewing club — do you offer any kind of education discount?", .discountRequest),
        t("Saw the same thread cheaper on another site, $4.20 vs your $5.10. Would you match that?", .discountRequest),
        t("ive ordered from you like 20 times this year, is there any loyalty reward or anything? even free postage would be nice", .discountRequest),
        t("Bonjour, auriez-vous un code promo en ce moment ? Je compte commander plusieurs bobines.", .discountRequest, "fr"),
        t("Hätten Sie vielleicht einen Rabattcode für mich? Ich bestelle regelmäßig bei Ihnen.", .discountRequest, "de"),

        // MARK: billing (7)
        t("I was charged twice for order 60874 — two identical payments of £23.40 on my card statement.", .billing),
        t("Can I get a proper VAT invoice for my last purchase? I need it for my business accounts.", .billing),
        t("My card keeps getting declined at checkout but it works everywhere else. Is something wrong on your end", .billing),
        t("The total on my receipt is $41.80 but the cart said $36.80 right before I paid. Where did the extra five dollars come from?", .billing),
        t("hi the payment failed but it still took money out of my account?? now there's no order and im down 18 euros", .billing),
        t("Me cobraron 12 € de gastos de envío aunque el pedido superaba los 50 €. ¿Me lo pueden revisar?", .billing, "es"),
        t("Ich benötige eine Rechnung mit meiner Firmenadresse für Bestellung 59311.", .billing, "de"),

        // MARK: account (6)
        t("I can't log in — the password reset email never arrives. Tried three times now.", .account),
        t("Please update the delivery address on order 62018, I've just moved to 14 Harbour Lane.", .account),
        t("How do I stop getting the newsletter? I get like 4 a week.", .account),
        t("I'd like my personal data deleted under GDPR. No complaints at all, I just don't shop online much any more.", .account),
        t("Comment puis-je changer l'adresse e-mail associée à mon compte ?", .account, "fr"),
        t("Bitte melden Sie mich vom Newsletter ab.", .account, "de"),

        // MARK: praise (5)
        t("Just wanted to say the thread arrived beautifully packed and two days early. You're brilliant!", .praise),
        t("thank u!! the hoops are perfect, my daughter is loving her first embroidery project", .praise),
        t("Your support agent Priya sorted my problem in five minutes flat. Please pass on my thanks.", .praise),
        t("Best little notions shop on the internet, no contest. Keep doing what you're doing.", .praise),
        t("¡Muchísimas gracias! Todo llegó perfecto y los colores del hilo son preciosos.", .praise, "es"),

        // MARK: general (4)
        t("Do you have a physical shop I can visit or are you online only?", .general),
        t("Do you offer wholesale accounts for businesses? We'd be ordering upholstery thread by the case.", .general),
        t("Are you hiring at all? I'd love to work in the warehouse, I live nearby.", .general),
        t("Bonjour, quels sont les horaires d'ouverture de votre service client ?", .general, "fr"),
    ]
}
