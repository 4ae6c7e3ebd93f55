import Foundation
import QuimbiCore
import QuimbiSegmentation
import QuimbiWorker
import Testing

/// The packed order history gives back exactly the orders it was given, newest first per customer.
struct PackedOrderHistoryTests {
    private static let start = Date(timeIntervalSinceReferenceDate: 800_000_000.123_456)

    /// Every field set, optional ones absent, empty and present, non-ASCII and long text, several lines and shipments.
    private static let orders: [Order] = [
        Order(
            id: "5000000002001", name: "#2001", customerID: "c1", createdAt: start, total: 59.81, discountTotal: nil,
            currency: "USD", financialStatus: "paid", fulfillmentStatus: "fulfilled",
            lineItems: [
                LineItem(title: "Cotton thread — cream", variant: "500 m spool", sku: "CT-500-0", quantity: 3, unitPrice: 12.99),
                LineItem(title: "Fil métallique — argent", variant: nil, sku: nil, quantity: 1, unitPrice: 0.1),
            ],
            tracking: [
                Tracking(company: "USPS", number: "9400111899223001", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223001"),
                Tracking(company: nil, number: "", url: nil),
            ]),
        Order(
            id: "o-2", name: nil, customerID: "c1", createdAt: start.addingTimeInterval(86_400), total: 0, discountTotal: 0,
            currency: "EUR", financialStatus: "refunded", fulfillmentStatus: "unfulfilled", lineItems: [], tracking: []),
        Order(
            id: "o-3", name: "#3", customerID: "c2", createdAt: start.addingTimeInterval(-3_600), total: 1e9, discountTotal: 12.5,
            lineItems: [LineItem(title: "Cotton thread — cream", variant: "500 m spool", sku: "CT-500-0", quantity: 2, unitPrice: 12.99)]),
        Order(id: "o-4", customerID: "c1", createdAt: start.addingTimeInterval(-86_400), total: 5),
        Order(id: "o-5", customerID: "c1", createdAt: start, total: 6),
    ]

    @Test func givesEachCustomersOrdersBackWhole_newestFirst_tiesInTheOrderGiven() {
        let history = PackedOrderHistory(Self.orders)
        let expected = Self.orders.filter { $0.customerID == "c1" }.enumerated()
            .sorted { $0.element.createdAt > $1.element.createdAt || ($0.element.createdAt == $1.element.createdAt && $0.offset < $1.offset) }
            .map(\.element)
        #expect(expected.map(\.id) == ["o-2", "5000000002001", "o-5", "o-4"])
        #expect(history.recentOrders(of: "c1", limit: 10) == expected)
        #expect(history.recentOrders(of: "c2", limit: 10) == [Self.orders[2]])
    }

    @Test func givesAtMostTheLimit_andNothingForAnUnknownCustomerOrANonPositiveLimit() {
        let history = PackedOrderHistory(Self.orders)
        #expect(history.recentOrders(of: "c1", limit: 2).map(\.id) == ["o-2", "5000000002001"])
        #expect(history.recentOrders(of: "c1", limit: 0).isEmpty)
        #expect(history.recentOrders(of: "c1", limit: -1).isEmpty)
        #expect(history.recentOrders(of: "nobody", limit: 5).isEmpty)
        #expect(PackedOrderHistory([]).recentOrders(of: "c1", limit: 5).isEmpty)
    }

    @Test func buildingOrderByOrderEqualsPackingTheArray_forAGeneratedStore() {
        let asOf = Date(timeIntervalSince1970: 1_780_000_000)
        let store = SampleStoreGenerator.generate(customerCount: 500, seed: 3, asOf: asOf)
        var builder = PackedOrderHistory.Builder()
        _ = SampleStoreGenerator.generate(customerCount: 500, seed: 3, asOf: asOf) { builder.add($0) }
        let streamed = builder.build()
        let packed = PackedOrderHistory(store.orders)
        let byCustomer = Dictionary(grouping: store.orders, by: \.customerID)
        #expect(byCustomer.count == 500)
        for (customerID, orders) in byCustomer {
            let newestFirst = orders.sorted { $0.createdAt > $1.createdAt }
            #expect(packed.recentOrders(of: customerID, limit: .max) == newestFirst)
            #expect(streamed.recentOrders(of: customerID, limit: 5) == Array(newestFirst.prefix(5)))
        }
    }
}
