import QuimbiResilience

/// Writes notes into one helpdesk. Each request's outcome is told to `attempts` (`nil` for a 2xx answer, else the
/// ``DeliveryError``), so a caller can tell a helpdesk that is down from one that is only busy.
public protocol NoteDelivering: Sendable {
    /// Writes `note` into its ticket, retrying rate limits and outages within the sender's bound.
    func deliver(_ note: HelpdeskNote, attempts: (DeliveryError?) -> Void) async throws(DeliveryError)
    /// Whether the ticket's newest notes already hold `note`'s ``NoteMarker`` (written before a restart or
    /// rebalance), retrying rate limits and outages within the sender's bound.
    func isDelivered(_ note: HelpdeskNote, attempts: (DeliveryError?) -> Void) async throws(DeliveryError) -> Bool
}

extension NoteDelivering {
    /// Writes `note`, its requests' outcomes untold.
    public func deliver(_ note: HelpdeskNote) async throws(DeliveryError) {
        try await deliver(note, attempts: { _ in })
    }

    /// Whether `note` was written before, its requests' outcomes untold.
    public func isDelivered(_ note: HelpdeskNote) async throws(DeliveryError) -> Bool {
        try await isDelivered(note, attempts: { _ in })
    }
}

/// Writes notes with one helpdesk's writer and transport, request after request: 429 (after at least its
/// `Retry-After`) and 5xx or no answer are retried with jittered back-off until `bound` after the first attempt;
/// 401, 403, 404 and other refusals are not retried.
public struct NoteSender<C: Clock<Duration>>: NoteDelivering {
    private let writer: any HelpdeskNoteWriter
    private let transport: HelpdeskHTTPTransport
    private let retry: RetryPolicy
    private let bound: Duration
    private let clock: C

    /// The default back-off: 250 ms doubling to 30 s, each wait drawn from the upper half of its bound.
    public static var defaultRetry: RetryPolicy {
        RetryPolicy(maxAttempts: .max, initialBackoff: .milliseconds(250), maximumBackoff: .seconds(30), jitter: .proportional(0.5...1.0))
    }

    public init(
        writer: any HelpdeskNoteWriter, transport: HelpdeskHTTPTransport, retry: RetryPolicy = defaultRetry,
        bound: Duration = .seconds(300), clock: C
    ) {
        self.writer = writer
        self.transport = transport
        self.retry = retry
        self.bound = bound
        self.clock = clock
    }

    public func deliver(_ note: HelpdeskNote, attempts: (DeliveryError?) -> Void) async throws(DeliveryError) {
        let deadline = clock.now.advanced(by: bound)
        for request in try writer.requests(for: note) {
            try await send(request, until: deadline, attempts: attempts)
        }
    }

    public func isDelivered(_ note: HelpdeskNote, attempts: (DeliveryError?) -> Void) async throws(DeliveryError) -> Bool {
        let notes = try await send(try writer.markerQuery(for: note), until: clock.now.advanced(by: bound), attempts: attempts)
        return NoteMarker.isPresent(eventID: note.eventID, inJSON: notes)
    }

    @discardableResult
    private func send(
        _ request: NoteRequest, until deadline: C.Instant, attempts: (DeliveryError?) -> Void
    ) async throws(DeliveryError) -> [UInt8] {
        try await retry.run(until: deadline, clock: clock, decide: Self.decision) { _ throws(DeliveryError) in
            do throws(DeliveryError) {
                let answer = try await transport.send(request)
                attempts(nil)
                return answer
            } catch {
                attempts(error)
                throw error
            }
        }
    }

    static func decision(_ error: DeliveryError) -> RetryDecision {
        guard error.isTransient else { return .stop }
        return error.retryAfter.map { .backOffAtLeast($0) } ?? .backOff
    }
}
