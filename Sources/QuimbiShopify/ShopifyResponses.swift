/// The envelope of every GraphQL answer: `data`, `errors` and `extensions.cost`.
struct GraphQLEnvelope<Payload: Decodable & Sendable>: Decodable, Sendable {
    var data: Payload?
    var errors: [GraphQLErrorBody]?
    var extensions: Extensions?

    struct Extensions: Decodable, Sendable {
        var cost: QueryCost?
    }
}

/// One entry of a GraphQL `errors` list.
struct GraphQLErrorBody: Decodable, Sendable {
    var message: String
    var extensions: Extensions?

    struct Extensions: Decodable, Sendable {
        var code: String?
    }

    var isThrottled: Bool { extensions?.code == "THROTTLED" }
}

/// `extensions.cost` of a GraphQL answer.
struct QueryCost: Decodable, Sendable {
    var requestedQueryCost: Double?
    var actualQueryCost: Double?
    var throttleStatus: ThrottleStatus?
}

/// The state of the app's cost bucket on the shop, as Shopify reports it.
struct ThrottleStatus: Decodable, Sendable, Equatable {
    var maximumAvailable: Double
    var currentlyAvailable: Double
    var restoreRate: Double
}

/// `data` of the by-id queries: `customer` is `null` for an unknown id.
struct CustomerByIDData<Node: Decodable & Sendable>: Decodable, Sendable {
    var customer: Node?
}

/// `data` of the by-e-mail queries: a search result with zero or one node.
struct CustomersSearchData<Node: Decodable & Sendable>: Decodable, Sendable {
    var customers: Connection<Node>
}

/// A GraphQL connection read through `nodes`.
struct Connection<Node: Decodable & Sendable>: Decodable, Sendable {
    var nodes: [Node]
}

/// A customer with one page of orders.
struct CustomerOrdersNode: Decodable, Sendable {
    var id: String
    var orders: OrdersPage
}

/// One page of orders with the cursor of the next one.
struct OrdersPage: Decodable, Sendable {
    var pageInfo: PageInfo
    var nodes: [OrderNode]

    struct PageInfo: Decodable, Sendable {
        var hasNextPage: Bool
        var endCursor: String?
    }
}

/// An order as selected by ``ShopifyQueries``.
struct OrderNode: Decodable, Sendable {
    var id: String
    var name: String?
    var createdAt: String
    var displayFinancialStatus: String?
    var displayFulfillmentStatus: String?
    var totalPriceSet: MoneyBag
    /// Order and line discounts applied, before returns; absent or `null` when Shopify does not say.
    var totalDiscountsSet: MoneyBag?
    var lineItems: Connection<LineItemNode>
    var fulfillments: [FulfillmentNode]?
}

/// A line item as selected by ``ShopifyQueries``.
struct LineItemNode: Decodable, Sendable {
    var title: String
    var variantTitle: String?
    var quantity: Int
    var sku: String?
    var originalUnitPriceSet: MoneyBag?
}

/// A fulfillment's tracking entries.
struct FulfillmentNode: Decodable, Sendable {
    var trackingInfo: [TrackingNode]
}

/// One tracking entry of a fulfillment.
struct TrackingNode: Decodable, Sendable {
    var number: String?
    var url: String?
    var company: String?
}

/// Shopify's `MoneyBag`: the amount in the shop's currency.
struct MoneyBag: Decodable, Sendable {
    var shopMoney: Money
}

/// Shopify's `MoneyV2`: a decimal string amount and an ISO 4217 code.
struct Money: Decodable, Sendable {
    var amount: String
    var currencyCode: String
}

/// A customer's totals, for customers without a behavioural profile.
struct CustomerSummaryNode: Decodable, Sendable {
    var id: String
    var numberOfOrders: String
    var amountSpent: Money
}
