import Foundation
import QuimbiCore

/// The sentences about one order in one language: which order, where it stands, what it holds and
/// how to follow it, or why it cannot be cited. Each takes only facts from the context.
struct OrderPhrases: Sendable {
    var summary: @Sendable (_ order: String, _ placed: String, _ progress: String) -> String
    var progress: @Sendable (_ progress: OrderProgress) -> String
    var items: @Sendable (_ items: String) -> String
    var tracking: @Sendable (_ carrier: String?, _ number: String?, _ url: String?) -> String
    var notFound: @Sendable (_ order: String) -> String
    var noOrders: String
    var unavailable: String
    var date: @Sendable (_ year: Int, _ month: String, _ day: Int) -> String
    var months: [String]

    /// `date` in words, "January 14, 2026", from its UTC calendar day.
    func day(_ date: Date) -> String {
        let (year, month, day) = RFC3339.calendarDay(of: date)
        return self.date(year, months[month - 1], day)
    }

    static let english = OrderPhrases(
        summary: { order, placed, progress in "Your order \(order), placed on \(placed), \(progress)." },
        progress: { progress in
            switch progress {
            case .notShipped: "is being prepared and has not shipped yet"
            case .inProgress: "is being prepared for shipping"
            case .onHold: "is on hold and has not shipped yet"
            case .partlyShipped: "has partly shipped"
            case .inTransit: "is on its way"
            case .outForDelivery: "is out for delivery"
            case .shipped: "has shipped"
            case .delivered: "has been delivered"
            case .refunded: "is recorded as refunded"
            case .partlyRefunded: "is recorded as partly refunded"
            case .cancelled: "is recorded as cancelled"
            case .recorded(let status): "has the status \"\(status)\""
            }
        },
        items: { items in "It contains \(items)." },
        tracking: { carrier, number, url in
            "You can follow it\(carrier.map { " with \($0)" } ?? "")\(number.map { ", tracking number \($0)" } ?? "")\(url.map { ", at \($0)" } ?? "")."
        },
        notFound: { order in "I couldn't find order \(order) among your recent orders; I'll look into it and get back to you shortly." },
        noOrders: "I can't find any orders on your account yet; I'll look into it and get back to you shortly.",
        unavailable: "Your order details are not available to me right now; I'll check them and get back to you shortly.",
        date: { year, month, day in "\(month) \(day), \(year)" },
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    )

    static let spanish = OrderPhrases(
        summary: { order, placed, progress in "Su pedido \(order), realizado el \(placed), \(progress)." },
        progress: { progress in
            switch progress {
            case .notShipped: "se está preparando y aún no se ha enviado"
            case .inProgress: "se está preparando para el envío"
            case .onHold: "está retenido y aún no se ha enviado"
            case .partlyShipped: "se ha enviado en parte"
            case .inTransit: "está en camino"
            case .outForDelivery: "está en reparto"
            case .shipped: "se ha enviado"
            case .delivered: "se ha entregado"
            case .refunded: "figura como reembolsado"
            case .partlyRefunded: "figura como reembolsado en parte"
            case .cancelled: "figura como cancelado"
            case .recorded(let status): "tiene el estado «\(status)»"
            }
        },
        items: { items in "Contiene \(items)." },
        tracking: { carrier, number, url in
            "Puede seguirlo\(carrier.map { " con \($0)" } ?? "")\(number.map { ", número de seguimiento \($0)" } ?? "")\(url.map { ", en \($0)" } ?? "")."
        },
        notFound: { order in "No encuentro el pedido \(order) entre sus pedidos recientes; lo revisaré y le responderé en breve." },
        noOrders: "No encuentro ningún pedido en su cuenta; lo revisaré y le responderé en breve.",
        unavailable: "Ahora mismo no tengo acceso a los datos de su pedido; los revisaré y le responderé en breve.",
        date: { year, month, day in "\(day) de \(month) de \(year)" },
        months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
    )

    static let french = OrderPhrases(
        summary: { order, placed, progress in "Votre commande \(order), passée le \(placed), \(progress)." },
        progress: { progress in
            switch progress {
            case .notShipped: "est en préparation et n'a pas encore été expédiée"
            case .inProgress: "est en cours de préparation pour l'expédition"
            case .onHold: "est en attente et n'a pas encore été expédiée"
            case .partlyShipped: "a été expédiée en partie"
            case .inTransit: "est en route"
            case .outForDelivery: "est en cours de livraison"
            case .shipped: "a été expédiée"
            case .delivered: "a été livrée"
            case .refunded: "est enregistrée comme remboursée"
            case .partlyRefunded: "est enregistrée comme partiellement remboursée"
            case .cancelled: "est enregistrée comme annulée"
            case .recorded(let status): "a le statut « \(status) »"
            }
        },
        items: { items in "Elle contient \(items)." },
        tracking: { carrier, number, url in
            "Vous pouvez suivre le colis\(carrier.map { " avec \($0)" } ?? "")\(number.map { ", numéro de suivi \($0)" } ?? "")\(url.map { ", sur \($0)" } ?? "")."
        },
        notFound: { order in "Je ne trouve pas la commande \(order) parmi vos commandes récentes ; je vérifie et je reviens vers vous rapidement." },
        noOrders: "Je ne trouve aucune commande sur votre compte ; je vérifie et je reviens vers vous rapidement.",
        unavailable: "Les détails de votre commande ne me sont pas accessibles pour le moment ; je les vérifie et je reviens vers vous rapidement.",
        date: { year, month, day in "\(day) \(month) \(year)" },
        months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    )

    static let german = OrderPhrases(
        summary: { order, placed, progress in "Ihre Bestellung \(order) vom \(placed) \(progress)." },
        progress: { progress in
            switch progress {
            case .notShipped: "wird vorbereitet und ist noch nicht versandt"
            case .inProgress: "wird für den Versand vorbereitet"
            case .onHold: "ist angehalten und noch nicht versandt"
            case .partlyShipped: "wurde teilweise versandt"
            case .inTransit: "ist unterwegs"
            case .outForDelivery: "ist in der Zustellung"
            case .shipped: "wurde versandt"
            case .delivered: "wurde zugestellt"
            case .refunded: "ist als erstattet vermerkt"
            case .partlyRefunded: "ist als teilweise erstattet vermerkt"
            case .cancelled: "ist als storniert vermerkt"
            case .recorded(let status): "hat den Status „\(status)“"
            }
        },
        items: { items in "Sie enthält \(items)." },
        tracking: { carrier, number, url in
            "Sie können die Sendung\(carrier.map { " bei \($0)" } ?? "")\(number.map { " mit der Sendungsnummer \($0)" } ?? "")\(url.map { " unter \($0)" } ?? "") verfolgen."
        },
        notFound: { order in "Ich finde die Bestellung \(order) nicht unter Ihren letzten Bestellungen; ich prüfe das und melde mich in Kürze." },
        noOrders: "Ich finde noch keine Bestellung in Ihrem Konto; ich prüfe das und melde mich in Kürze.",
        unavailable: "Die Details Ihrer Bestellung sind mir gerade nicht zugänglich; ich prüfe sie und melde mich in Kürze.",
        date: { year, month, day in "\(day). \(month) \(year)" },
        months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
    )
}

/// The sentences a reply gives about the order in question.
enum OrderSentences {
    static func sentences(_ subject: OrderInQuestion, phrases: TemplatePhrases) -> [String] {
        let words = phrases.order
        switch subject {
        case .found(let order):
            let progress = OrderProgress(order)
            var sentences = [words.summary(order.name ?? order.id, words.day(order.createdAt), words.progress(progress))]
            let items = order.lineItems.quantitiesByItem.map { "\($0.quantity) × \($0.item)" }
            if !items.isEmpty { sentences.append(words.items(phrases.list(items))) }
            if progress.mayBeFollowed, let tracking = order.tracking.first(where: { $0.number != nil || $0.url != nil }) {
                sentences.append(words.tracking(tracking.company, tracking.number, tracking.url))
            }
            return sentences
        case .notFound(let number): return [words.notFound("#\(number)")]
        case .noOrders: return [words.noOrders]
        case .unavailable: return [words.unavailable]
        }
    }
}
