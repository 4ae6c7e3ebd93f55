import Foundation

/// An HTTP answer of the fake.
struct FakeAnswer: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data
    var delay: Int64
}

/// Answers GraphQL requests from the fake's customers the way Shopify's Admin API does.
struct FakeShopifyResponder: Sendable {
    let customers: [FakeShopifyCustomer]
    /// When set, a numeric customer id the fake does not hold is answered as a generated customer
    /// with this many orders (for benchmarks whose customer ids come from elsewhere).
    let ordersForUnknownCustomers: Int?
    let accessToken: String
    let apiVersion: String
    let maximumAvailable: Double
    let restoreRate: Double

    /// Shopify-like requested cost of a query: 3 plus 40 per order asked for.
    static func requestedCost(first: Int) -> Double {
        Double(3 + first * 40)
    }

    /// What a query's fields really cost when answered (Shopify refunds the rest).
    static func actualCost(first: Int) -> Double {
        requestedCost(first: first) / 4
    }

    /// The `first` variable of a GraphQL request body, 0 when absent.
    static func first(in body: Data) -> Int {
        let request = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        return (request?["variables"] as? [String: Any])?["first"] as? Int ?? 0
    }

    /// The answer to one request, with `fault` applied when given; `available` is the bucket's
    /// state to report after this request (a full bucket minus its cost when `nil`).
    func answer(
        path: String, token: String?, body: Data, fault: FakeShopifyFault?, latency: Int64, available: Double? = nil
    ) -> FakeAnswer {
        var extraDelay: Int64 = 0
        switch fault {
        case .status(let status, let retryAfter)?:
            return FakeAnswer(
                status: status, headers: retryAfter.map { [("Retry-After", $0)] } ?? [],
                body: json(["errors": "fault \(status)"]), delay: latency)
        case .throttled(let available, let rate)?:
            return FakeAnswer(status: 200, headers: [], body: json([
                "errors": [["message": "Throttled", "extensions": ["code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"]]],
                "extensions": ["cost": cost(requested: Self.requestedCost(first: Self.first(in: body)), actual: nil, available: available, rate: rate)],
            ]), delay: latency)
        case .malformedJSON?:
            return FakeAnswer(status: 200, headers: [], body: Data("{\"data\": {\"customer\": ".utf8), delay: latency)
        case .delay(let milliseconds)?:
            extraDelay = milliseconds
        case nil:
            break
        }
        guard path == "/admin/api/\(apiVersion)/graphql.json" else {
            return FakeAnswer(status: 404, headers: [], body: json(["errors": "Not Found"]), delay: latency)
        }
        guard token == accessToken else {
            return FakeAnswer(status: 401, headers: [], body: json([
                "errors": "[API] Invalid API key or access token (unrecognized login or wrong password)",
            ]), delay: latency)
        }
        return FakeAnswer(status: 200, headers: [], body: json(graphQL(body, available: available)), delay: latency + extraDelay)
    }

    private func graphQL(_ body: Data, available: Double?) -> [String: Any] {
        guard let request = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let operation = request["operationName"] as? String else {
            return ["errors": [["message": "Parse error: the body is not a GraphQL request"]]]
        }
        let variables = request["variables"] as? [String: Any] ?? [:]
        let first = variables["first"] as? Int ?? 0
        let data: [String: Any]
        switch operation {
        case "CustomerOrdersByID":
            data = ["customer": customer(byGID: variables["id"]).map { ordersNode($0, variables) } ?? NSNull()]
        case "CustomerOrdersByEmail":
            data = ["customers": ["nodes": customer(bySearch: variables["query"]).map { [ordersNode($0, variables)] } ?? []]]
        case "CustomerSummaryByID":
            data = ["customer": customer(byGID: variables["id"]).map(summaryNode) ?? NSNull()]
        case "CustomerSummaryByEmail":
            data = ["customers": ["nodes": customer(bySearch: variables["query"]).map { [summaryNode($0)] } ?? []]]
        default:
            return ["errors": [["message": "Unknown operation \(operation)"]]]
        }
        let actual = Self.actualCost(first: first)
        return ["data": data, "extensions": ["cost": cost(
            requested: Self.requestedCost(first: first), actual: actual,
            available: available ?? maximumAvailable - actual, rate: restoreRate)]]
    }

    private func customer(byGID value: Any?) -> FakeShopifyCustomer? {
        guard let gid = value as? String else { return nil }
        if let known = customers.first(where: { $0.gid == gid }) { return known }
        guard let ordersEach = ordersForUnknownCustomers, let id = Int(gid.dropFirst("gid://shopify/Customer/".count)),
              gid.hasPrefix("gid://shopify/Customer/") else { return nil }
        return FakeShopifyCustomer.generated(ids: [id], ordersEach: ordersEach).first
    }

    private func customer(bySearch value: Any?) -> FakeShopifyCustomer? {
        guard let query = value as? String, query.hasPrefix("email:") else { return nil }
        let email = query.dropFirst("email:".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return customers.first { $0.email.lowercased() == email.lowercased() }
    }

    private func ordersNode(_ customer: FakeShopifyCustomer, _ variables: [String: Any]) -> [String: Any] {
        let first = variables["first"] as? Int ?? 0
        let offset = (variables["after"] as? String).flatMap { Int($0.dropFirst("cursor-".count)) } ?? 0
        let page = Array(customer.orders.dropFirst(offset).prefix(first))
        let end = offset + page.count
        let lineItemLimit = variables["lineItems"] as? Int ?? 0
        return [
            "id": customer.gid,
            "orders": [
                "pageInfo": ["hasNextPage": end < customer.orders.count, "endCursor": page.isEmpty ? NSNull() as Any : "cursor-\(end)" as Any],
                "nodes": page.map { orderNode($0, lineItemLimit: lineItemLimit) },
            ],
        ]
    }

    private func orderNode(_ order: FakeShopifyOrder, lineItemLimit: Int) -> [String: Any] {
        [
            "id": "gid://shopify/Order/\(order.id)", "name": order.name, "createdAt": order.createdAt,
            "displayFinancialStatus": order.financialStatus ?? NSNull(), "displayFulfillmentStatus": order.fulfillmentStatus,
            "totalPriceSet": ["shopMoney": ["amount": order.total, "currencyCode": order.currency]],
            "totalDiscountsSet": order.discounts.map { ["shopMoney": ["amount": $0, "currencyCode": order.currency]] as Any } ?? NSNull(),
            "lineItems": ["nodes": order.lineItems.prefix(lineItemLimit).map { item in
                [
                    "title": item.title, "variantTitle": item.variantTitle ?? NSNull(), "quantity": item.quantity,
                    "sku": item.sku ?? NSNull(),
                    "originalUnitPriceSet": ["shopMoney": ["amount": item.unitPrice, "currencyCode": order.currency]],
                ] as [String: Any]
            }],
            "fulfillments": order.tracking.isEmpty ? [] : [["trackingInfo": order.tracking.map { tracking in
                ["number": tracking.number ?? NSNull(), "url": tracking.url ?? NSNull(), "company": tracking.company ?? NSNull()] as [String: Any]
            }]],
        ]
    }

    private func summaryNode(_ customer: FakeShopifyCustomer) -> [String: Any] {
        [
            "id": customer.gid, "numberOfOrders": "\(customer.orders.count)",
            "amountSpent": ["amount": customer.amountSpent, "currencyCode": customer.currency],
        ]
    }

    private func cost(requested: Double, actual: Double?, available: Double, rate: Double) -> [String: Any] {
        [
            "requestedQueryCost": requested, "actualQueryCost": actual ?? NSNull(),
            "throttleStatus": ["maximumAvailable": maximumAvailable, "currentlyAvailable": available, "restoreRate": rate],
        ]
    }

    private func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    }
}
