import Foundation
import QuimbiCore
import QuimbiWorker
import Testing

/// The worker writes its events with ``StreamingJSONEncoder``: for real drafts, escalations and dead
/// letters it must write what Foundation's encoder writes (the schemas are checked end to end).
@Suite struct OutputEncodingTests {
    private func sameJSON<T: Encodable>(_ value: T) throws -> Bool {
        let streamed = try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().encode(value))) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: try QuimbiJSON.makeEncoder().encode(value)) as? NSDictionary
        return streamed != nil && streamed == foundation
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
            #expect(try sameJSON(draft), "\(ticket.ticketID)")
            if let escalation {
                escalations += 1
                #expect(try sameJSON(escalation), "\(ticket.ticketID)")
            }
        }
        #expect(escalations > 0, "a seed scenario escalates")
    }

    @Test func deadLetters() throws {
        for payload in [Array("{\"broken\": tru".utf8), [0xFF, 0x00, 0x7F]] {
            let letter = DeadLetter(
                eventID: "dlq:t:0:1", error: .init(code: "invalid_json", message: "bad \"input\""),
                original: .init(topic: "t", partition: 0, offset: 1, key: Array("k".utf8), payload: payload), failedAt: Date())
            #expect(try sameJSON(letter))
        }
    }
}
