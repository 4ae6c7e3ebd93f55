import Foundation
import QuimbiCore

/// A generated store: customers and their orders.
public struct SampleStore: Sendable {
    public var customers: [Customer]
    public var orders: [Order]
}

/// The parameters a store is generated from (time unit: days).
public struct GenerativeParameters: Sendable, Hashable {
    public var purchasing: BGNBDModel
    public var spend: GammaGammaModel
    /// First purchases are spread over this many days before the as-of date.
    public var acquisitionDays: Double

    /// A thread-and-notions shop: about 3.7 purchases a year while active, $70 average order.
    public static let threadShop = GenerativeParameters(
        purchasing: BGNBDModel(r: 0.5, alpha: 50, a: 0.8, b: 2.6),
        spend: GammaGammaModel(p: 6, q: 4, gamma: 35),
        acquisitionDays: 3 * 365)
}

/// Generates a realistic store from the models' own generative process: purchase rate λ ~ Gamma(r, α),
/// dropout p ~ Beta(a, b) after each purchase, spend ~ Gamma(p, ν) with ν ~ Gamma(q, γ).
/// Each customer keeps to a pair of thread colours (``ProductCatalog/palettes``, chosen by customer
/// index), so which colours are bought together has structure; prices do not depend on colour.
/// Deterministic by seed; always contains the seed's customer 7415378247935.
public enum SampleStoreGenerator {
    public static let seedCustomerID = "7415378247935"
    /// The generated customers are numbered from here (1001, 1002, …): the side-by-side benchmark's
    /// tickets name customers 1000 + k, so that its tickets reach known customers, with profiles, orders
    /// and recommendations to look up, as the Python peer's do.
    public static let firstGeneratedCustomerID = 1_001

    public static func generate(
        customerCount: Int = 27_415, seed: UInt64, asOf: Date, parameters: GenerativeParameters = .threadShop
    ) -> SampleStore {
        var orders: [Order] = []
        orders.reserveCapacity(customerCount * 4)
        let customers = generate(customerCount: customerCount, seed: seed, asOf: asOf, parameters: parameters) { orders.append($0) }
        return SampleStore(customers: customers, orders: orders)
    }

    /// The same store, its orders handed to `eachOrder` as they are made (each customer's together, oldest
    /// first) instead of kept: what consumes them need not hold them all at once.
    public static func generate(
        customerCount: Int = 27_415, seed: UInt64, asOf: Date, parameters: GenerativeParameters = .threadShop,
        eachOrder: (Order) -> Void
    ) -> [Customer] {
        var random = RandomSource(seed: seed)
        var customers = [SeedCustomer.customer(asOf: asOf)]
        SeedCustomer.orders(asOf: asOf).forEach(eachOrder)
        customers.reserveCapacity(customerCount)
        var orderNumber = 2_000
        for index in 1..<max(1, customerCount) {
            let id = String(firstGeneratedCustomerID + index - 1)
            let names = PersonNames.pick(&random, index: index)
            let firstPurchase = asOf.addingTimeInterval(-86_400 * (1 + random.uniform() * (parameters.acquisitionDays - 1)))
            customers.append(Customer(id: id, email: names.email, firstName: names.first, lastName: names.last, createdAt: firstPurchase))
            let rate = random.gamma(shape: parameters.purchasing.r, rate: parameters.purchasing.alpha)
            let dropout = random.beta(parameters.purchasing.a, parameters.purchasing.b)
            let spendRate = random.gamma(shape: parameters.spend.q, rate: parameters.spend.gamma)
            // BG/NBD: the first purchase starts the relationship; dropout can follow each repeat purchase.
            var time = firstPurchase
            var isRepeat = false
            while time <= asOf {
                orderNumber += 1
                let value = max(1, random.gamma(shape: parameters.spend.p, rate: spendRate))
                eachOrder(OrderFactory.order(
                    number: orderNumber, customerID: id, palette: index, at: time, value: value, asOf: asOf, random: &random))
                if isRepeat, random.uniform() < dropout { break }
                isRepeat = true
                time = time.addingTimeInterval(86_400 * random.exponential(rate: rate))
            }
        }
        return customers
    }
}

/// The seed's customer: 3 orders of cream and silver thread, $179.42, first 250 and last 230 days ago.
enum SeedCustomer {
    static func customer(asOf: Date) -> Customer {
        Customer(id: SampleStoreGenerator.seedCustomerID, email: "margaret.quilts@example.com", firstName: "Margaret",
                 lastName: "Hale", createdAt: asOf.addingTimeInterval(-86_400 * 251))
    }

    static func orders(asOf: Date) -> [Order] {
        let cream = LineItem(title: "Cotton thread — cream", variant: "500 m spool", sku: "CT-500-0", quantity: 3, unitPrice: 12.99)
        let silver = LineItem(title: "Metallic thread — silver", variant: "500 m spool", sku: "MT-500-SIL", quantity: 2, unitPrice: 10.42)
        let creamPair = LineItem(title: "Cotton thread — cream", variant: "500 m spool", sku: "CT-500-0", quantity: 2, unitPrice: 12.99)
        let silverCone = LineItem(title: "Metallic thread — silver", variant: "1000 m cone", sku: "MT-1000-SIL", quantity: 2, unitPrice: 16.91)
        func order(_ number: Int, daysAgo: Double, total: Double, items: [LineItem]) -> Order {
            Order(id: "5\(number)00417", name: "#\(number)", customerID: SampleStoreGenerator.seedCustomerID,
                  createdAt: asOf.addingTimeInterval(-86_400 * daysAgo), total: total, currency: "USD",
                  financialStatus: "paid", fulfillmentStatus: "fulfilled", lineItems: items,
                  tracking: [Tracking(company: "USPS", number: "9400111899223\(number)", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223\(number)")])
        }
        return [
            order(1_001, daysAgo: 250, total: 59.81, items: [cream, silver]),
            order(1_002, daysAgo: 240, total: 59.80, items: [creamPair, silverCone]),
            order(1_003, daysAgo: 230, total: 59.81, items: [cream, silver]),
        ]
    }
}
