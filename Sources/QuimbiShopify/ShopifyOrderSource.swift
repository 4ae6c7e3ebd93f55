import AsyncHTTPClient
import Logging
import QuimbiCore

/// A customer's totals as Shopify keeps them, for customers without a behavioural profile.
public struct ShopifyCustomerSummary: Sendable, Hashable {
    /// The numeric Shopify customer id.
    public var customerID: String
    /// Lifetime amount spent, in `currency`.
    public var amountSpent: Double
    /// ISO 4217 currency code of `amountSpent`.
    public var currency: String
    /// Orders the customer has placed.
    public var numberOfOrders: Int
}

/// The recent orders of a customer, read live from Shopify's GraphQL Admin API.
///
/// One instance serves every ticket: it shares one cost bucket and one circuit breaker across all
/// concurrent lookups, caches each customer's orders for ``ShopifyConfiguration/cacheTTL`` and
/// coalesces concurrent lookups of the same customer into one request. Call ``shutdown()`` when done.
public final class ShopifyOrderSource: OrderSource {
    private let configuration: ShopifyConfiguration
    private let httpClient: HTTPClient
    private let client: ShopifyGraphQLClient
    private let cache: any OrdersCache
    private let coalescer = LookupCoalescer<CachedOrders>()

    /// A source for the shop of `configuration`, caching in `cache` (in memory by default).
    public init(
        configuration: ShopifyConfiguration, cache: any OrdersCache = InMemoryOrdersCache(),
        logger: Logger = Logger(label: "quimbi.shopify")
    ) {
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.timeout = .init(
            connect: .nanoseconds(configuration.connectTimeout.nanoseconds),
            read: .nanoseconds(configuration.requestTimeout.nanoseconds))
        httpConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        self.configuration = configuration
        self.httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        self.client = ShopifyGraphQLClient(configuration: configuration, httpClient: httpClient, logger: logger)
        self.cache = cache
    }

    /// Closes the HTTP connections.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Whether the circuit breaker currently fails lookups fast (for readiness and metrics).
    public var isCircuitOpen: Bool {
        get async { client.isBreakerOpen }
    }

    /// Up to `limit` most recent orders, newest first; empty for an unknown customer or one without orders.
    /// - Throws: ``LookupError`` (`orders_unavailable`, `shopify_unauthorized`, `shopify_throttled`,
    ///   `shopify_bad_response`, `shopify_rejected`, `orders_cancelled`).
    public func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        guard limit > 0, let lookup = Self.lookupKey(customer) else { return [] }
        if let cached = await cache.cachedOrders(for: lookup.cacheKey)?.answer(limit: limit) { return cached }
        let entry: CachedOrders
        do {
            entry = try await coalescer.value(for: "\(lookup.cacheKey)|\(limit)") { [self] in
                let fetched = try await fetchOrders(lookup, limit: limit)
                await cache.store(fetched, for: lookup.cacheKey, ttl: configuration.cacheTTL)
                return fetched
            }
        } catch is CancellationError {
            throw LookupError.ordersCancelled
        }
        return Array(entry.orders.prefix(limit))
    }

    /// The customer's lifetime totals, `nil` when Shopify does not know the customer.
    /// - Throws: ``LookupError`` as ``recentOrders(for:limit:)``.
    public func customerSummary(for customer: CustomerReference) async throws -> ShopifyCustomerSummary? {
        guard let lookup = Self.lookupKey(customer) else { return nil }
        let node: CustomerSummaryNode?
        switch lookup {
        case .id(let gid):
            node = try await client.run(
                GraphQLRequest(query: ShopifyQueries.summaryByID, operationName: "CustomerSummaryByID", variables: ["id": .string(gid)]),
                estimatedCost: ShopifyQueries.summaryCost, as: CustomerByIDData<CustomerSummaryNode>.self
            ).customer
        case .email(let email):
            node = try await client.run(
                GraphQLRequest(
                    query: ShopifyQueries.summaryByEmail, operationName: "CustomerSummaryByEmail",
                    variables: ["query": .string(ShopifyQueries.emailSearch(email))]),
                estimatedCost: ShopifyQueries.summaryCost, as: CustomersSearchData<CustomerSummaryNode>.self
            ).customers.nodes.first
        }
        guard let node else { return nil }
        guard let count = Int(node.numberOfOrders), count >= 0 else {
            throw LookupError.shopifyBadResponse("numberOfOrders '\(node.numberOfOrders.prefix(40))' is not a count")
        }
        return ShopifyCustomerSummary(
            customerID: ShopifyOrderMapping.legacyID(node.id),
            amountSpent: try ShopifyOrderMapping.amount(node.amountSpent, of: node.id),
            currency: node.amountSpent.currencyCode, numberOfOrders: count)
    }

    /// How a customer is looked up: by id when the ticket has one, else by e-mail.
    private enum Lookup {
        case id(String)
        case email(String)

        var cacheKey: String {
            switch self {
            case .id(let gid): "id:\(gid)"
            case .email(let email): "email:\(email)"
            }
        }
    }

    private static func lookupKey(_ customer: CustomerReference) -> Lookup? {
        if let id = customer.customerID?.trimmingCharacters(in: .whitespaces), !id.isEmpty {
            return .id(ShopifyQueries.customerGID(id))
        }
        if let email = customer.email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty {
            return .email(email)
        }
        return nil
    }

    /// Follows the orders cursor until `limit` orders are read or none are left.
    private func fetchOrders(_ lookup: Lookup, limit: Int) async throws -> CachedOrders {
        var orders: [Order] = []
        var cursor: String?
        while true {
            let first = min(configuration.pageSize, limit - orders.count)
            guard let node = try await fetchPage(lookup, first: first, after: cursor) else {
                return CachedOrders(orders: [], isComplete: true)
            }
            orders += try node.orders.nodes.map { try ShopifyOrderMapping.order($0, customerID: node.id) }
            let hasMore = node.orders.pageInfo.hasNextPage
            guard hasMore, orders.count < limit, let next = node.orders.pageInfo.endCursor else {
                return CachedOrders(orders: orders, isComplete: !hasMore)
            }
            cursor = next
        }
    }

    private func fetchPage(_ lookup: Lookup, first: Int, after cursor: String?) async throws -> CustomerOrdersNode? {
        var variables: [String: GraphQLValue] = [
            "first": .int(first), "after": cursor.map(GraphQLValue.string) ?? .null,
            "lineItems": .int(configuration.lineItemsPerOrder),
        ]
        let cost = ShopifyQueries.ordersPageCost(first: first, lineItems: configuration.lineItemsPerOrder)
        switch lookup {
        case .id(let gid):
            variables["id"] = .string(gid)
            return try await client.run(
                GraphQLRequest(query: ShopifyQueries.ordersByID, operationName: "CustomerOrdersByID", variables: variables),
                estimatedCost: cost, as: CustomerByIDData<CustomerOrdersNode>.self
            ).customer
        case .email(let email):
            variables["query"] = .string(ShopifyQueries.emailSearch(email))
            return try await client.run(
                GraphQLRequest(query: ShopifyQueries.ordersByEmail, operationName: "CustomerOrdersByEmail", variables: variables),
                estimatedCost: cost, as: CustomersSearchData<CustomerOrdersNode>.self
            ).customers.nodes.first
        }
    }
}
