import Foundation

/// Why a lookup failed. Transient failures are retried within the ticket's deadline.
public struct LookupError: QuimbiError {
    /// Whether trying again later may succeed (connection refused, timeout, 5xx, throttled).
    public var isTransient: Bool
    public var code: String
    public var message: String
    /// Server-suggested wait before the next attempt, if any.
    public var retryAfter: Duration?

    public init(code: String, message: String, isTransient: Bool, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.isTransient = isTransient
        self.retryAfter = retryAfter
    }

    /// The source did not answer before the lookup's deadline (not retried: the time is up).
    public static let deadlinePassed = LookupError(
        code: "lookup_timeout", message: "no answer before the lookup budget ended", isTransient: false)
}

/// How a ticket identifies its customer.
public struct CustomerReference: Sendable, Hashable {
    public var customerID: String?
    public var email: String?

    public init(customerID: String?, email: String?) {
        self.customerID = customerID
        self.email = email
    }
}

/// Where behavioural profiles come from (in memory, PostgreSQL behind Redis, …).
public protocol ProfileSource: Sendable {
    /// The profile of the referenced customer, `nil` when the customer is unknown.
    /// Throws ``LookupError`` when the source cannot answer.
    func profile(for customer: CustomerReference) async throws -> CustomerProfile?
}

/// Where a customer's recent orders come from (in memory, PostgreSQL, Shopify, …).
public protocol OrderSource: Sendable {
    /// Up to `limit` most recent orders of the customer, newest first; empty when none or unknown.
    /// Throws ``LookupError`` when the source cannot answer.
    func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order]
}

/// Where archetype descriptions come from (the `archetypes` table, or the segmentation result).
public protocol ArchetypeSource: Sendable {
    /// The archetype with this id, `nil` when unknown.
    func archetype(id: String) async throws -> Archetype?
}

/// Where item recommendations come from (the `item_affinities` table, or the segmentation result in memory).
public protocol RecommendationSource: Sendable {
    /// Up to `limit` items that go best with `itemsBought` (named as ``LineItem/displayName`` names
    /// them) and are not among them, the most popular items filling up. Throws ``LookupError`` when
    /// the source cannot answer.
    func recommendations(for itemsBought: [String], limit: Int) async throws -> [String]
}

/// A source that answers from memory, at once and without suspending (the in-memory store, the
/// affinities of a segmentation run). It cannot hang, so the worker calls it directly rather than in
/// a task of its own raced against the ticket's deadline.
public protocol ImmediateLookup: Sendable {}

/// A lookup under way: started at once, its answer awaited later. A ticket's lookups are then in flight
/// together without a task each (a child task per lookup cost the worker over PostgreSQL and Redis about a
/// quarter of its processor time). Inlinable, so that its callers in other modules are specialized.
public struct PendingLookup<Value: Sendable>: Sendable {
    @usableFromInline
    let answer: @Sendable () async throws -> (value: Value, answeredAt: ContinuousClock.Instant)

    @inlinable
    init(answer: @escaping @Sendable () async throws -> (value: Value, answeredAt: ContinuousClock.Instant)) {
        self.answer = answer
    }

    /// A lookup whose answer `answer` waits for, answered when the wait ends.
    @inlinable
    public init(_ answer: @escaping @Sendable () async throws -> Value) {
        self.answer = { (try await answer(), ContinuousClock.now) }
    }

    /// A lookup whose answer `answer` waits for, with the instant the source answered (which may come
    /// before the wait: a ticket awaits its lookups one after the other).
    @inlinable
    public static func answered(
        by answer: @escaping @Sendable () async throws -> (value: Value, answeredAt: ContinuousClock.Instant)
    ) -> PendingLookup {
        PendingLookup(answer: answer)
    }

    /// Waits for the answer. Await it once, from one task; a cancelled wait ends at once.
    @inlinable
    public func value() async throws -> Value {
        try await answer().value
    }

    /// This lookup with its value transformed by `transform`, answered at the same instant.
    @inlinable
    public func map<T: Sendable>(_ transform: @escaping @Sendable (Value) -> T) -> PendingLookup<T> {
        .answered(by: {
            let answer = try await answered()
            return (transform(answer.value), answer.answeredAt)
        })
    }

    /// Waits for the answer and the instant the source gave it.
    @inlinable
    public func answered() async throws -> (value: Value, answeredAt: ContinuousClock.Instant) {
        try await answer()
    }
}

/// A profile source whose lookups end by a deadline they are given, whatever its dependencies do (a
/// database that hangs, for one), and start at once: the worker starts them and awaits them, instead of
/// racing each in a task of its own against the ticket's deadline.
public protocol DeadlineBoundProfileSource: ProfileSource {
    /// Starts looking up the referenced customer's profile (`nil`: unknown customer). Past `deadline` the
    /// lookup throws ``LookupError/deadlinePassed``; other failures throw ``LookupError``.
    func startProfileLookup(for customer: CustomerReference, until deadline: ContinuousClock.Instant) -> PendingLookup<CustomerProfile?>
}

/// An order source whose lookups end by a deadline they are given, and start at once (see
/// ``DeadlineBoundProfileSource``).
public protocol DeadlineBoundOrderSource: OrderSource {
    /// Starts looking up up to `limit` most recent orders of the customer, newest first. Past `deadline`
    /// the lookup throws ``LookupError/deadlinePassed``; other failures throw ``LookupError``.
    func startRecentOrdersLookup(
        for customer: CustomerReference, limit: Int, until deadline: ContinuousClock.Instant
    ) -> PendingLookup<[Order]>
}
