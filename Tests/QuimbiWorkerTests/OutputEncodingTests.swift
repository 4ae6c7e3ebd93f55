import Foundation
import QuimbiCore
import QuimbiWorker
import Testing

/// The worker writes drafts and escalations with their own writers (``JSONWritable``) and dead letters with
/// ``StreamingJSONEncoder``: for real drafts, escalations and dead letters it must write what Foundation's
/// encoder writes (the schemas are checked end to end).
@Suite struct OutputEncodingTests {
    /// Whether `written`, the worker's bytes of `value`, hold the JSON Foundation's encoder writes for it.
    private func sameJSON<T: Encodable>(_ written: [UInt8], _ value: T) throws -> Bool {
        let worker = try JSONSerialization.jsonObject(with: Data(written)) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: try QuimbiJSON.makeEncoder().encode(value)) as? NSDictionary
        return worker != nil && worker == foundation
    }

    @Test func draftsAndEscalationsOfTheSeedScenarios() async throws {
        let processor = EmbeddedWorker.sampleProcessor()
        var escalations = 0
        for ticket in SampleTickets.seedScenarios() {
            let payload = Array(try QuimbiJSON.makeEncoder().encode(ticket))
            guard case .drafted(let draft, let escalation) = await processor.process(payload) else {
                Issue.record("\(ticket.ticketID) was not drafted")
                continue
            }
            #expect(try sameJSON(draft.jsonBytes(), draft), "\(ticket.ticketID)")
            if let escalation {
                escalations += 1
                #expect(try sameJSON(escalation.jsonBytes(), escalation), "\(ticket.ticketID)")
            }
        }
        #expect(escalations > 0, "a seed scenario escalates")
    }

    /// A decision of the retention holdout's control arm, as both encoders write it, matches the
    /// draft-response schema; `holdout` without the offer it withheld does not.
    @Test func aHeldOutDecisionMatchesTheSchema() async throws {
        let ticket = SampleTickets.seedScenarios()[0]
        guard case .drafted(var draft, _) = await EmbeddedWorker.sampleProcessor().process(Array(try QuimbiJSON.makeEncoder().encode(ticket))) else {
            Issue.record("the seed's first scenario was not drafted")
            return
        }
        draft.recommendation = Recommendation(
            offerDiscount: false, discountPercent: 0, freeShipping: false, escalate: false, followUpRequired: false, priority: .normal,
            reasons: ["churn_risk_high", "retention_offer_high_churn", "retention_holdout"], actions: [],
            withheldOffer: WithheldOffer(discountPercent: 15, freeShipping: false))
        #expect(try sameJSON(draft.jsonBytes(), draft))
        let documents = [Data(try draft.jsonBytes()), try QuimbiJSON.makeEncoder().encode(draft)]
        #expect(try SchemaValidator.validate(documents, schema: "draft-response.v1.json") == [nil, nil])
        draft.recommendation.withheldOffer = nil
        #expect(try SchemaValidator.validate([Data(try draft.jsonBytes())], schema: "draft-response.v1.json")[0] != nil)
    }

    /// An order's `discount_total`, as both encoders write it, matches the draft-response schema when
    /// known (7.50, or 0 for none) or unknown (absent); a negative one does not.
    @Test func anOrdersDiscountMatchesTheSchema() async throws {
        let ticket = SampleTickets.seedScenarios()[0]
        guard case .drafted(var draft, _) = await EmbeddedWorker.sampleProcessor().process(Array(try QuimbiJSON.makeEncoder().encode(ticket))),
              !draft.orders.isEmpty else {
            Issue.record("the seed's first scenario was not drafted with orders")
            return
        }
        for discount in [7.5, 0, nil] as [Double?] {
            draft.orders[0].discountTotal = discount
            #expect(try sameJSON(draft.jsonBytes(), draft))
            let documents = [Data(try draft.jsonBytes()), try QuimbiJSON.makeEncoder().encode(draft)]
            #expect(try SchemaValidator.validate(documents, schema: "draft-response.v1.json") == [nil, nil], "\(String(describing: discount))")
        }
        draft.orders[0].discountTotal = -1
        #expect(try SchemaValidator.validate([Data(try draft.jsonBytes())], schema: "draft-response.v1.json")[0] != nil)
    }

    @Test func deadLetters() throws {
        for payload in [Array("{\"broken\": tru".utf8), [0xFF, 0x00, 0x7F]] {
            let letter = DeadLetter(
                eventID: "dlq:t:0:1", error: .init(code: "invalid_json", message: "bad \"input\""),
                original: .init(topic: "t", partition: 0, offset: 1, key: Array("k".utf8), payload: payload), failedAt: Date())
            #expect(try sameJSON(StreamingJSONEncoder().encode(letter), letter))
        }
    }
}
