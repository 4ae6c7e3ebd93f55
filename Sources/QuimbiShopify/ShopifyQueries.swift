/// The GraphQL documents this client sends, and the variables of each request.
enum ShopifyQueries {
    /// The orders page selection shared by the by-id and by-e-mail lookups: newest first.
    private static let ordersFragment = """
        fragment CustomerOrders on Customer {
          id
          orders(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) {
            pageInfo { hasNextPage endCursor }
            nodes {
              id name createdAt displayFinancialStatus displayFulfillmentStatus
              totalPriceSet { shopMoney { amount currencyCode } }
              totalDiscountsSet { shopMoney { amount currencyCode } }
              lineItems(first: $lineItems) {
                nodes { title variantTitle quantity sku originalUnitPriceSet { shopMoney { amount currencyCode } } }
              }
              fulfillments { trackingInfo { number url company } }
            }
          }
        }
        """

    private static let summaryFragment = """
        fragment CustomerSummary on Customer { id numberOfOrders amountSpent { amount currencyCode } }
        """

    static let ordersByID = """
        query CustomerOrdersByID($id: ID!, $first: Int!, $after: String, $lineItems: Int!) {
          customer(id: $id) { ...CustomerOrders }
        }
        """ + "\n" + ordersFragment

    static let ordersByEmail = """
        query CustomerOrdersByEmail($query: String!, $first: Int!, $after: String, $lineItems: Int!) {
          customers(first: 1, query: $query) { nodes { ...CustomerOrders } }
        }
        """ + "\n" + ordersFragment

    static let summaryByID = """
        query CustomerSummaryByID($id: ID!) { customer(id: $id) { ...CustomerSummary } }
        """ + "\n" + summaryFragment

    static let summaryByEmail = """
        query CustomerSummaryByEmail($query: String!) { customers(first: 1, query: $query) { nodes { ...CustomerSummary } } }
        """ + "\n" + summaryFragment

    /// A Shopify customer GID from a bare numeric id; GIDs pass through unchanged.
    static func customerGID(_ id: String) -> String {
        id.hasPrefix("gid://") ? id : "gid://shopify/Customer/\(id)"
    }

    /// A customer search query matching exactly one e-mail address, quoted and escaped.
    static func emailSearch(_ email: String) -> String {
        let escaped = email.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "email:\"\(escaped)\""
    }

    /// An upper bound of Shopify's requested cost for one orders page: each connection costs 2 plus
    /// `first` times its node's objects (order, price and discount sets with their money, line items,
    /// fulfillments, tracking).
    static func ordersPageCost(first: Int, lineItems: Int) -> Double {
        let lineItemCost = 2 + Double(lineItems) * 3
        let orderCost = 1 + 2 + 2 + lineItemCost + 3
        return 1 + 2 + Double(first) * orderCost
    }

    /// The requested cost of a summary query: the customer (or a one-node search) and its money object.
    static let summaryCost: Double = 4
}

/// One GraphQL request body: `{"query", "operationName", "variables"}`.
struct GraphQLRequest: Encodable, Sendable {
    var query: String
    var operationName: String
    var variables: [String: GraphQLValue]
}

/// The JSON values used as GraphQL variables.
enum GraphQLValue: Encodable, Sendable, Equatable {
    case string(String)
    case int(Int)
    case null

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
