import Foundation
import QuimbiCore

/// The order a ticket is about, as far as the context knows it: the order the message names by
/// number ("#1003", "order 1003", "pedido 1003", "commande n° 1003", "Bestellung 1003"), else the
/// most recent one; or why there is none to cite.
public enum OrderInQuestion: Sendable, Hashable {
    /// The order named in the message, or the most recent order when none is named.
    case found(Order)
    /// The message names an order number that is not among the customer's recent orders.
    case notFound(number: String)
    /// The customer has no orders on record.
    case noOrders
    /// The orders could not be read in time (the `orders` source is degraded).
    case unavailable

    /// The order `message` is about among `orders` (newest first).
    init(message: String, orders: [Order], ordersUnavailable: Bool) {
        let named = Self.orderNumber(in: message)
        if let named, let order = orders.first(where: { Self.digits($0.name ?? "") == named || $0.id == named }) {
            self = .found(order)
        } else if ordersUnavailable {
            self = .unavailable
        } else if let named {
            self = .notFound(number: named)
        } else if let newest = orders.first {
            self = .found(newest)
        } else {
            self = .noOrders
        }
    }

    /// "#1003" or an order word followed closely by a number of three or more digits; compiled once.
    private static let reference = try! NSRegularExpression(
        pattern: #"#\s?[0-9]{3,}|\b(order|orders|pedido|commande|bestellung|bestellnummer|auftrag)\b[^0-9\n.?!]{0,12}[0-9]{3,}"#,
        options: [.caseInsensitive])

    /// The digits of the first order number the message names, if any.
    static func orderNumber(in message: String) -> String? {
        // Both forms end in three digits in a row: a message without them (most) skips the regular expression.
        guard hasThreeDigitsInARow(message),
              let match = reference.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)),
              let range = Range(match.range, in: message) else { return nil }
        return String(message[range].reversed().prefix(while: { $0.isASCII && $0.isNumber }).reversed())
    }

    private static func hasThreeDigitsInARow(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }

    private static func digits(_ text: some StringProtocol) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }
}

/// Where an order stands, in the few states a reply names.
enum OrderProgress: Sendable, Hashable {
    case notShipped, inProgress, onHold, partlyShipped, inTransit, outForDelivery, shipped, delivered, refunded, partlyRefunded, cancelled
    /// A status the drafter has no words for; the reply quotes it as recorded.
    case recorded(String)

    /// The progress of `order`: a refund or cancellation first, else its fulfilment status.
    init(_ order: Order) {
        switch order.financialStatus.lowercased() {
        case "refunded": self = .refunded; return
        case "partially_refunded": self = .partlyRefunded; return
        case "voided": self = .cancelled; return
        default: break
        }
        switch order.fulfillmentStatus.lowercased() {
        case "unfulfilled", "pending_fulfillment", "open", "scheduled": self = .notShipped
        case "in_progress": self = .inProgress
        case "on_hold": self = .onHold
        case "partial", "partially_fulfilled": self = .partlyShipped
        case "in_transit", "shipped": self = .inTransit
        case "out_for_delivery": self = .outForDelivery
        case "fulfilled": self = .shipped
        case "delivered": self = .delivered
        case "cancelled", "canceled", "restocked": self = .cancelled
        case let other: self = .recorded(other.replacingOccurrences(of: "_", with: " "))
        }
    }

    /// Whether a shipment of the order is still worth following: not once it is refunded or cancelled.
    var mayBeFollowed: Bool {
        switch self {
        case .refunded, .cancelled: false
        default: true
        }
    }
}
