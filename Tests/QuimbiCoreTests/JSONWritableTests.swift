import Foundation
import Testing
@testable import QuimbiCore

/// The output events write, through ``JSONWritable``, exactly the bytes their `Encodable` conformances write
/// through ``StreamingJSONEncoder``: every optional absent and present, every kind of text and number.
@Suite struct JSONWritableTests {
    @Test func draftsAreWrittenByteForByteAsTheirEncodableConformanceWritesThem() throws {
        try expectSameBytes(seed: 3) { $0.draft() }
    }

    @Test func escalationsAreWrittenByteForByteAsTheirEncodableConformanceWritesThem() throws {
        try expectSameBytes(seed: 5) { $0.escalation() }
    }

    private func expectSameBytes<Event: JSONWritable & Encodable>(seed: UInt64, _ make: (inout RandomEvents) -> Event) throws {
        var random = RandomEvents(seed: seed)
        for round in 0..<300 {
            let event = make(&random)
            let written = try event.encodedJSON()
            #expect(written == (try StreamingJSONEncoder().encode(event)), "round \(round): \(String(decoding: written, as: UTF8.self))")
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aNumberJSONCannotHoldIsRefusedAsTheEncoderRefusesIt(number: Double) {
        var random = RandomEvents(seed: 7)
        var draft = random.draft()
        draft.timing.totalMs = number
        #expect(throws: EncodingError.self) { try draft.jsonBytes() }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(draft) }
    }
}

/// Random output events whose every optional is sometimes absent.
struct RandomEvents {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(state: seed)
    }

    private static let pieces = ["words", "\"", "\\", "/", "\n", "\u{1}", "é", "日本", "🧵", " — ", "0"]
    private static let numbers: [Double] = [0, 1, -1, 3.0, 0.1, 179.42, 1e20, 1e-7, 123_456.789, -0.5, 2.5e-300]

    private mutating func chance() -> Bool { random.next(below: 2) == 0 }
    private mutating func text() -> String { (0..<random.next(below: 5)).map { _ in Self.pieces[random.next(below: Self.pieces.count)] }.joined() }
    private mutating func maybeText() -> String? { chance() ? nil : text() }
    private mutating func texts() -> [String] { (0..<random.next(below: 4)).map { _ in text() } }
    private mutating func number() -> Double { Self.numbers[random.next(below: Self.numbers.count)] * (chance() ? 1 : random.unit()) }
    private mutating func maybeNumber() -> Double? { chance() ? nil : number() }
    private mutating func integer() -> Int { random.next(below: 2_000) - 1_000 }
    private mutating func date() -> Date { Date(timeIntervalSince1970: 1_600_000_000 + random.unit() * 300_000_000) }
    private mutating func pick<Value: CaseIterable>(_: Value.Type) -> Value where Value.AllCases == [Value] {
        Value.allCases[random.next(below: Value.allCases.count)]
    }

    mutating func recommendation() -> Recommendation {
        Recommendation(
            offerDiscount: chance(), discountPercent: integer(), freeShipping: chance(), escalate: chance(), followUpRequired: chance(),
            priority: pick(Priority.self), reasons: texts(), actions: texts(),
            withheldOffer: chance() ? nil : WithheldOffer(discountPercent: integer(), freeShipping: chance()))
    }

    mutating func intent() -> Intent {
        Intent(label: pick(IntentLabel.self), confidence: number(), signals: texts(),
               secondary: (0..<random.next(below: 3)).map { _ in pick(IntentLabel.self) }, reader: pick(IntentReader.self))
    }

    mutating func order() -> Order {
        Order(
            id: text(), name: maybeText(), customerID: text(), createdAt: date(), total: number(), discountTotal: maybeNumber(),
            currency: text(), financialStatus: text(), fulfillmentStatus: text(),
            lineItems: (0..<random.next(below: 3)).map { _ in
                LineItem(title: text(), variant: maybeText(), sku: maybeText(), quantity: integer(), unitPrice: number())
            },
            tracking: (0..<random.next(below: 3)).map { _ in Tracking(company: maybeText(), number: maybeText(), url: maybeText()) })
    }

    mutating func customer() -> CustomerInsight? {
        guard chance() else { return nil }
        let profile = CustomerProfile(
            customerID: text(), archetypeID: text(), lifetimeValue: number(), totalOrders: integer(), avgOrderValue: number(),
            firstPurchaseAt: date(), lastPurchaseAt: date(), churnRiskScore: number(), pAlive: maybeNumber(),
            expectedPurchases90d: maybeNumber(), predictedValue365d: maybeNumber())
        return CustomerInsight(
            snapshot: profile.snapshot(asOf: date()), valueTier: text(), purchasePattern: text(), engagement: text(), churnLevel: text())
    }

    mutating func draft() -> DraftResponse {
        let reply = Draft(
            text: text(), tone: text(), generator: chance() ? .template : .llm, model: maybeText(), fallbackReason: maybeText(),
            usage: chance() ? nil : TokenUsage(promptTokens: integer(), completionTokens: integer()))
        return DraftResponse(
            eventID: text(), ticketEventID: text(), ticketID: text(), customerID: maybeText(), createdAt: date(), language: text(),
            intent: intent(), sentiment: Sentiment(label: pick(Sentiment.Label.self), score: number()), customer: customer(),
            orders: (0..<random.next(below: 4)).map { _ in order() }, recommendedItems: chance() ? nil : texts(),
            recommendation: recommendation(), draft: reply,
            context: DraftContext(prompt: Prompt(system: text(), user: text()), degraded: texts()),
            timing: DraftTiming(ticketCreatedAt: date(), receivedAt: date(), completedAt: date(), lookupMs: number(), totalMs: number()))
    }

    mutating func escalation() -> Escalation {
        Escalation(
            eventID: text(), ticketID: text(), customerID: maybeText(), createdAt: date(), priority: pick(Priority.self),
            reasons: texts(), summary: text(), lifetimeValue: maybeNumber(), churnRiskScore: maybeNumber(), churnLevel: maybeText(),
            valueTier: maybeText(), intent: pick(IntentLabel.self), recommendation: recommendation(), draftEventID: text())
    }
}
