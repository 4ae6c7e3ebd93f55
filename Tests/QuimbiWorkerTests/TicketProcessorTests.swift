import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiWorker
import Testing

/// The in-memory store behind a source that does not declare ``ImmediateLookup``, recording which task asks it.
struct TaskRecordingSource: ProfileSource, OrderSource {
    let data: InMemoryCustomerData
    let askingTasks = Locked<[Int]>([])

    private func record() {
        let task = withUnsafeCurrentTask { $0?.hashValue } ?? 0
        askingTasks.withLock { $0.append(task) }
    }

    func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        record()
        return try await data.profile(for: customer)
    }

    func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        record()
        return try await data.recentOrders(for: customer, limit: limit)
    }
}

/// ``TaskRecordingSource`` declared as answering from memory.
struct ImmediateTaskRecordingSource: ProfileSource, OrderSource, ImmediateLookup {
    let recording: TaskRecordingSource

    func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        try await recording.profile(for: customer)
    }

    func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        try await recording.recentOrders(for: customer, limit: limit)
    }
}

/// The in-memory store behind deadline-bound sources, recording each lookup: which task started it, with what
/// deadline, and whether the orders lookup had started when the profile was awaited. The plain lookups are
/// recorded too (the worker should not use them). The first `profileFailures` profile lookups and the first
/// `ordersFailures` orders lookups fail transiently.
struct DeadlineBoundRecordingSource: DeadlineBoundProfileSource, DeadlineBoundOrderSource {
    struct Start: Sendable {
        let kind: String
        let task: Int
        let deadline: ContinuousClock.Instant
    }

    let data: InMemoryCustomerData
    var profileFailures = 0
    var ordersFailures = 0
    let starts = Locked<[Start]>([])
    let plainLookups = Locked(0)
    let ordersStartedWhenProfileAwaited = Locked<[Bool]>([])

    private func record(_ kind: String, deadline: ContinuousClock.Instant) -> Int {
        let task = withUnsafeCurrentTask { $0?.hashValue } ?? 0
        return starts.withLock { starts in
            starts.append(Start(kind: kind, task: task, deadline: deadline))
            return starts.filter { $0.kind == kind }.count
        }
    }

    func startProfileLookup(for customer: CustomerReference, until deadline: ContinuousClock.Instant) -> PendingLookup<CustomerProfile?> {
        let attempt = record("profile", deadline: deadline)
        return PendingLookup { [data, starts, ordersStartedWhenProfileAwaited, profileFailures] in
            ordersStartedWhenProfileAwaited.withLock { $0.append(starts.withLock { $0.contains { $0.kind == "orders" } }) }
            if attempt <= profileFailures {
                throw LookupError(code: "postgres_unavailable", message: "connection refused", isTransient: true)
            }
            return try await data.profile(for: customer)
        }
    }

    func startRecentOrdersLookup(for customer: CustomerReference, limit: Int, until deadline: ContinuousClock.Instant) -> PendingLookup<[Order]> {
        let attempt = record("orders", deadline: deadline)
        return PendingLookup { [data, ordersFailures] in
            if attempt <= ordersFailures {
                throw LookupError(code: "postgres_unavailable", message: "connection refused", isTransient: true)
            }
            return try await data.recentOrders(for: customer, limit: limit)
        }
    }

    func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        plainLookups.withLock { $0 += 1 }
        return try await data.profile(for: customer)
    }

    func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        plainLookups.withLock { $0 += 1 }
        return try await data.recentOrders(for: customer, limit: limit)
    }
}

/// Sources that misbehave on purpose.
struct FailingSource: ProfileSource, OrderSource {
    enum Behaviour: Sendable {
        case transientFailures(Int)
        case permanentFailure
        case hangs
    }

    let behaviour: Behaviour
    let calls = Locked(0)
    let data: InMemoryCustomerData

    private func misbehave() async throws {
        let call = calls.withLock { count -> Int in
            count += 1
            return count
        }
        switch behaviour {
        case .transientFailures(let failures) where call <= failures:
            throw LookupError(code: "profile_store_unavailable", message: "connection refused", isTransient: true)
        case .transientFailures:
            return
        case .permanentFailure:
            throw LookupError(code: "shopify_unauthorized", message: "401", isTransient: false)
        case .hangs:
            try await Task.sleep(for: .seconds(60))
        }
    }

    func profile(for customer: CustomerReference) async throws -> CustomerProfile? {
        try await misbehave()
        return try await data.profile(for: customer)
    }

    func recentOrders(for customer: CustomerReference, limit: Int) async throws -> [Order] {
        try await misbehave()
        return try await data.recentOrders(for: customer, limit: limit)
    }
}

/// An intent model whose queue never gets to the ticket: it answers `expired` at the deadline, as the
/// real engine does when saturated.
struct SlowEmbedder: TextEmbedder {
    let identity = IntentHead.trained.modelIdentity

    func embed(_ text: String, deadline: ContinuousClock.Instant) async throws(EmbeddingUnavailable) -> [Float] {
        try? await Task.sleep(until: deadline, clock: .continuous)
        throw .expired
    }
}

@Suite struct TicketProcessorTests {
    static let now = Date()
    static let seedProfile = CustomerProfile(
        customerID: SampleTickets.seedCustomerID, archetypeID: "arch_776335", lifetimeValue: 179.42, totalOrders: 3,
        avgOrderValue: 59.81, firstPurchaseAt: now - 250 * 86_400, lastPurchaseAt: now - 230 * 86_400, churnRiskScore: 0.6)
    static let seedOrders = [
        Order(id: "1", name: "#1001", customerID: SampleTickets.seedCustomerID, createdAt: now - 250 * 86_400, total: 59.81,
              lineItems: [LineItem(title: "Cotton thread — cream", quantity: 4, unitPrice: 14.95)]),
        Order(id: "3", name: "#1003", customerID: SampleTickets.seedCustomerID, createdAt: now - 230 * 86_400, total: 59.81,
              lineItems: [LineItem(title: "Metallic thread — silver", quantity: 4, unitPrice: 14.95)]),
    ]
    static let data = InMemoryCustomerData(
        customers: [Customer(id: SampleTickets.seedCustomerID, email: "jo@example.com", firstName: "Jo", lastName: nil, createdAt: now - 300 * 86_400)],
        orders: seedOrders, profiles: [seedProfile], archetypes: [])

    private func payload(_ ticket: TicketCreated) throws -> [UInt8] {
        Array(try QuimbiJSON.makeEncoder().encode(ticket))
    }

    private func draft(_ result: TicketResult) throws -> DraftResponse {
        guard case .drafted(let draft, _) = result else { throw TestFailure(description: "expected a draft, got \(result)") }
        return draft
    }

    /// Budgets generous enough that a test process starved of CPU for a second (suites run in parallel
    /// on two cores) still reaches its lookups in time; the bounds checked are the deadline plus 1 s.
    static let testDeadline = Duration.seconds(4)

    private func processor(profiles: any ProfileSource, orders: any OrderSource, deadline: Duration = testDeadline) -> TicketProcessor {
        TicketProcessor(profiles: profiles, orders: orders, archetypes: nil, desk: SupportDesk(),
                        settings: ProcessingSettings(ticketDeadline: deadline, lookupBudget: deadline / 2))
    }

    /// A ticket waiting for its outputs' acknowledgements keeps only this summary for its observer: it must say
    /// what metrics and the benchmark read of the draft (outcome, intent, timing, degraded sources, discount).
    @Test func theSummaryOfAFinishedTicketSaysWhatItsObserverReads() async throws {
        let processor = processor(profiles: Self.data, orders: Self.data)
        var outcomes: Set<FinishedTicket.Outcome> = []
        var discounts: [Int] = []
        for ticket in SampleTickets.seedScenarios(createdAt: Self.now) {
            let result = await processor.process(try payload(ticket), receivedAt: Self.now)
            guard case .drafted(let draft, let escalation) = result else { throw TestFailure(description: "expected a draft, got \(result)") }
            let finished = FinishedTicket(result)
            #expect(finished.outcome == (escalation == nil ? .drafted : .escalated))
            #expect(finished.ticketID == draft.ticketID && finished.intent == draft.intent.label && finished.timing == draft.timing)
            #expect(finished.degraded == draft.context.degraded)
            #expect(finished.discountPercent == (draft.recommendation.offerDiscount ? draft.recommendation.discountPercent : nil))
            outcomes.insert(finished.outcome)
            discounts += finished.discountPercent.map { [$0] } ?? []
        }
        #expect(outcomes == [.drafted, .escalated] && !discounts.isEmpty, "the seeds draft, escalate and offer a discount")
        let rejected = FinishedTicket(await processor.process(Array("not json".utf8)))
        #expect(rejected.outcome == .rejected(code: "invalid_json") && rejected.ticketID == nil && rejected.timing == nil)
    }

    @Test func findsTheCustomerByEmailWhenTheIdIsMissing() async throws {
        var ticket = SampleTickets.seedScenarios(createdAt: Self.now)[0]
        ticket.customerID = nil
        ticket.customerEmail = "JO@example.com"
        let result = try draft(await processor(profiles: Self.data, orders: Self.data).process(try payload(ticket), receivedAt: Self.now))
        #expect(result.customer?.customerID == SampleTickets.seedCustomerID)
        #expect(result.customerID == SampleTickets.seedCustomerID)
        #expect(result.orders.count == 2)
    }

    @Test func anUnknownCustomerGetsADraftWithoutProfileAndWithoutDiscount() async throws {
        var ticket = SampleTickets.seedScenarios(createdAt: Self.now)[0]
        ticket.customerID = "'; DROP TABLE customers; --"
        let result = try draft(await processor(profiles: Self.data, orders: Self.data).process(try payload(ticket)))
        #expect(result.customer == nil && result.orders.isEmpty && result.context.degraded.isEmpty)
        #expect(!result.recommendation.offerDiscount)
    }

    @Test func transientFailuresAreRetriedWithinTheDeadline() async throws {
        let flaky = FailingSource(behaviour: .transientFailures(2), data: Self.data)
        let result = try draft(await processor(profiles: flaky, orders: Self.data).process(try payload(SampleTickets.seedScenarios()[0])))
        #expect(result.customer?.totalOrders == 3)
        #expect(result.context.degraded.isEmpty)
        #expect(flaky.calls.withLock { $0 } == 3)
    }

    @Test func aSourceThatStaysDownIsNamedInDegradedAndTheTicketIsStillDrafted() async throws {
        let down = FailingSource(behaviour: .transientFailures(Int.max), data: Self.data)
        let started = ContinuousClock.now
        let result = try draft(await processor(profiles: down, orders: Self.data).process(try payload(SampleTickets.seedScenarios()[0])))
        #expect(ContinuousClock.now - started < Self.testDeadline + .seconds(1), "bounded by the deadline")
        #expect(result.context.degraded == ["profile"])
        #expect(result.customer == nil && result.orders.count == 2)
        #expect(down.calls.withLock { $0 } >= 2, "retried before giving up")
    }

    @Test func aHangingSourceIsCutOffAtTheLookupBudget() async throws {
        let hanging = FailingSource(behaviour: .hangs, data: Self.data)
        let started = ContinuousClock.now
        let result = try draft(await processor(profiles: Self.data, orders: hanging).process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(ContinuousClock.now - started < Self.testDeadline / 2 + .seconds(1), "bounded by the lookup budget")
        #expect(result.context.degraded == ["orders"])
        #expect(result.customer?.totalOrders == 3)
    }

    @Test func anIntentModelThatCannotKeepUpLeavesTheLexiconsReadingWithinTheDeadline() async throws {
        let saturated = SlowEmbedder()
        let desk = SupportDesk(intentModel: try IntentModel(embedder: saturated, modelPath: "stub"))
        let processor = TicketProcessor(
            profiles: Self.data, orders: Self.data, archetypes: nil, desk: desk,
            settings: ProcessingSettings(ticketDeadline: Self.testDeadline, lookupBudget: Self.testDeadline / 2))
        let started = ContinuousClock.now
        let result = try draft(await processor.process(try payload(SampleTickets.seedScenarios()[0])))
        #expect(ContinuousClock.now - started < Self.testDeadline / 2 + .seconds(1), "bounded by the lookup budget")
        #expect(result.context.degraded == [SupportDesk.intentModelSource])
        #expect(result.intent.reader == .lexicon && result.intent.label == .churnThreat)
        #expect(result.customer?.totalOrders == 3, "the lookups ran beside the model, not after it")
    }

    /// Sources that answer from memory are asked in the ticket's own task (no child task, no deadline
    /// race); any other source in tasks of its own, which the deadline can abandon.
    @Test func sourcesThatAnswerFromMemoryAreAskedInTheTicketsOwnTask() async throws {
        let ticketTask = withUnsafeCurrentTask { $0?.hashValue } ?? 0
        let immediate = ImmediateTaskRecordingSource(recording: TaskRecordingSource(data: Self.data))
        let fromMemory = try draft(await processor(profiles: immediate, orders: immediate).process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(fromMemory.customer?.totalOrders == 3 && fromMemory.context.degraded.isEmpty)
        #expect(immediate.recording.askingTasks.withLock { $0 } == [ticketTask, ticketTask])

        let remote = TaskRecordingSource(data: Self.data)
        let fromElsewhere = try draft(await processor(profiles: remote, orders: remote).process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(fromElsewhere.customer?.totalOrders == 3)
        let tasks = remote.askingTasks.withLock { $0 }
        #expect(tasks.count == 2 && !tasks.contains(ticketTask))
    }

    /// Deadline-bound sources (the PostgreSQL and Redis repositories) are started in the ticket's own task with the
    /// lookup deadline, both before either is awaited: no child task, no task racing the deadline.
    @Test func deadlineBoundSourcesAreStartedTogetherInTheTicketsOwnTask() async throws {
        let ticketTask = withUnsafeCurrentTask { $0?.hashValue } ?? 0
        let source = DeadlineBoundRecordingSource(data: Self.data)
        let started = ContinuousClock.now
        let result = try draft(await processor(profiles: source, orders: source).process(try payload(SampleTickets.seedScenarios()[1])))
        let finished = ContinuousClock.now
        #expect(result.customer?.totalOrders == 3 && result.context.degraded.isEmpty)
        #expect(result.orders.count == 2)
        let starts = source.starts.withLock { $0 }
        #expect(starts.map(\.kind) == ["profile", "orders"])
        #expect(starts.allSatisfy { $0.task == ticketTask }, "started in the ticket's own task")
        let budget = Self.testDeadline / 2
        #expect(starts.allSatisfy { $0.deadline >= started + budget && $0.deadline <= finished + budget }, "with the lookup deadline")
        #expect(source.ordersStartedWhenProfileAwaited.withLock { $0 } == [true], "both in flight before either is awaited")
        #expect(source.plainLookups.withLock { $0 } == 0)
    }

    @Test(arguments: [(2, 0), (0, 1), (2, 1)])
    func deadlineBoundLookupsThatFailTransientlyAreStartedAgain(profileFailures: Int, ordersFailures: Int) async throws {
        let source = DeadlineBoundRecordingSource(data: Self.data, profileFailures: profileFailures, ordersFailures: ordersFailures)
        let result = try draft(await processor(profiles: source, orders: source).process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(result.customer?.totalOrders == 3 && result.orders.count == 2 && result.context.degraded.isEmpty)
        let starts = source.starts.withLock { $0 }
        #expect(starts.filter { $0.kind == "profile" }.count == profileFailures + 1)
        #expect(starts.filter { $0.kind == "orders" }.count == ordersFailures + 1)
    }

    @Test func aPermanentFailureIsNotRetried() async throws {
        let broken = FailingSource(behaviour: .permanentFailure, data: Self.data)
        let result = try draft(await processor(profiles: Self.data, orders: broken).process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(result.context.degraded == ["orders"])
        #expect(broken.calls.withLock { $0 } == 1)
    }

    @Test func escalatesTheServiceComplaintWithADraftReference() async throws {
        let result = await processor(profiles: Self.data, orders: Self.data).process(try payload(SampleTickets.seedScenarios()[2]))
        guard case .drafted(let draft, let escalation?) = result else {
            Issue.record("expected a draft and an escalation")
            return
        }
        #expect(escalation.draftEventID == draft.eventID && escalation.ticketID == "T-SEED-3")
        #expect(escalation.summary.contains("7415378247935") && escalation.churnLevel == "high")
    }

    @Test func itemsRecommendedWithThoseBoughtGoIntoTheEventAndTheDraftAndMatchTheSchema() async throws {
        let affinities = ItemAffinities(
            companions: ["Cotton thread — cream": [ItemCompanion(item: "Polyester thread — cream", score: 0.8)]],
            popular: ["Metallic thread — silver", "Cotton thread — cream", "Seam ripper", "Class 15 bobbins"])
        let recommending = TicketProcessor(
            profiles: Self.data, orders: Self.data, archetypes: nil, recommendations: affinities, desk: SupportDesk(),
            settings: ProcessingSettings(ticketDeadline: Self.testDeadline, lookupBudget: Self.testDeadline / 2))
        let result = try draft(await recommending.process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(result.recommendedItems == ["Polyester thread — cream", "Seam ripper", "Class 15 bobbins"])
        #expect(result.draft.text.contains("I'd suggest Polyester thread — cream, Seam ripper and Class 15 bobbins"), "\(result.draft.text)")
        let encoded = try QuimbiJSON.makeEncoder().encode(result)
        #expect(String(decoding: encoded, as: UTF8.self).contains(#""recommended_items":["Polyester thread — cream","Seam ripper","Class 15 bobbins"]"#))
        let withoutSource = try draft(await processor(profiles: Self.data, orders: Self.data).process(try payload(SampleTickets.seedScenarios()[1])))
        #expect(withoutSource.recommendedItems == nil)
        let documents = [encoded, try QuimbiJSON.makeEncoder().encode(withoutSource)]
        #expect(try SchemaValidator.validate(documents, schema: "draft-response.v1.json") == [nil, nil])
    }

    @Test func malformedInputIsRejectedWithACode() async {
        let result = await processor(profiles: Self.data, orders: Self.data).process(Array("{oops".utf8))
        guard case .rejected(let rejection) = result else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.code == "invalid_json")
    }
}
