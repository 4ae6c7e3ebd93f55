import QuimbiCore

/// The ``LookupError``s the Shopify order source throws; their codes are part of Quimbi's contract.
extension LookupError {
    /// The breaker is open or every attempt failed transiently: orders are unavailable for now.
    static func ordersUnavailable(_ detail: String, retryAfter: Duration? = nil) -> LookupError {
        LookupError(code: "orders_unavailable", message: detail, isTransient: true, retryAfter: retryAfter)
    }

    /// Shopify rejected the access token (401) or its scopes (403); retrying cannot help.
    static func shopifyUnauthorized(status: Int) -> LookupError {
        LookupError(
            code: "shopify_unauthorized",
            message: "Shopify answered \(status): the access token is invalid, expired or lacks the read_orders/read_customers scopes",
            isTransient: false)
    }

    /// Shopify kept throttling past the retry budget.
    static func shopifyThrottled(retryAfter: Duration?) -> LookupError {
        LookupError(
            code: "shopify_throttled", message: "Shopify throttled the request beyond the retry budget",
            isTransient: true, retryAfter: retryAfter)
    }

    /// Shopify's answer was not the JSON shape this client asked for.
    static func shopifyBadResponse(_ detail: String) -> LookupError {
        LookupError(code: "shopify_bad_response", message: detail, isTransient: false)
    }

    /// Shopify answered with a GraphQL error other than throttling, or a non-retryable HTTP status.
    static func shopifyRejected(_ detail: String) -> LookupError {
        LookupError(code: "shopify_rejected", message: detail, isTransient: false)
    }

    /// The lookup was cancelled (the ticket's deadline passed) before Shopify answered.
    static var ordersCancelled: LookupError {
        LookupError(code: "orders_cancelled", message: "the order lookup was cancelled at the caller's deadline", isTransient: true)
    }
}
