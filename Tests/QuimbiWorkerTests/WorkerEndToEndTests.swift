import Foundation
import QuimbiCore
import QuimbiKafka
import QuimbiWorker
import Testing

/// Sends SIGTERM and expects exit code 0 in time; shows the process's stderr otherwise.
func expectGracefulExit(_ process: QuimbiProcess, within timeout: Duration) async throws {
    process.signal(SIGTERM)
    let code = try await process.waitForExit(timeout: timeout)
    #expect(code == 0, "exit code \(code); stderr:\n\(process.stderrText.suffix(3_000))")
}

/// The worker as users run it: `quimbi dev-broker` and `quimbi worker` processes, tickets published
/// and outputs read back by this (separate) test process.
@Suite(.serialized) struct WorkerEndToEndTests {
    private func tickets(_ count: Int, prefix: String) -> [TicketCreated] {
        (0..<count).map { index in
            TicketCreated(
                eventID: "evt-\(prefix)-\(index)", ticketID: "\(prefix)-\(index)",
                customerID: index % 3 == 0 ? "unknown-\(index)" : SampleTickets.seedCustomerID,
                message: SampleTickets.seedMessages[index % 3], createdAt: Date())
        }
    }

    @Test func seedScenariosComeOutAsInTheSeedAndAllEventsAreSchemaValid() async throws {
        let cluster = try await Cluster.start()
        let worker = try cluster.startWorker()
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        try await publisher.publish(SampleTickets.seedScenarios())
        try await waitUntil(timeout: .seconds(90), "3 drafts and 1 escalation") {
            collector.all(collector.topics.drafts).count >= 3 && collector.all(collector.topics.escalations).count >= 1
        }
        let drafts = Dictionary(try collector.drafts().map { ($0.ticketID, $0) }, uniquingKeysWith: { first, _ in first })
        let churn = try #require(drafts["T-SEED-1"])
        #expect(churn.intent.label == .churnThreat)
        #expect(churn.recommendation.offerDiscount && churn.recommendation.discountPercent == 15)
        #expect(!churn.recommendation.escalate)
        #expect(churn.customer?.totalOrders == 3 && churn.customer?.daysSinceLastPurchase == 230)
        #expect(churn.customer?.lifetimeValue == 179.42 && churn.customer?.churnLevel == "high")
        for fact in ["3 orders", "230 days", "15%"] { #expect(churn.draft.text.contains(fact), "draft cites \(fact)") }

        let recommendation = try #require(drafts["T-SEED-2"])
        #expect(recommendation.intent.label == .productQuestion)
        #expect(recommendation.recommendation.discountPercent == 10 && !recommendation.recommendation.escalate)
        #expect(recommendation.draft.text.lowercased().contains("cream") && recommendation.draft.text.lowercased().contains("silver"))

        let complaint = try #require(drafts["T-SEED-3"])
        #expect(complaint.intent.label == .serviceComplaint)
        #expect((15...20).contains(complaint.recommendation.discountPercent))
        #expect(complaint.recommendation.freeShipping && complaint.recommendation.escalate && complaint.recommendation.followUpRequired)
        let escalation = try #require(try collector.escalations().first)
        #expect(escalation.ticketID == "T-SEED-3" && escalation.draftEventID == complaint.eventID)

        let draftRecord = try #require(collector.all(collector.topics.drafts).first)
        let headers = Dictionary(draftRecord.headers.map { ($0.name, String(decoding: $0.value, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["ce_specversion"] == "1.0" && headers["ce_type"] == "com.quimbi.support.draft.v1")
        #expect(headers["content-type"] == "application/json" && headers["ce_id"]?.hasPrefix("draft:") == true)
        #expect(headers["ce_source"]?.isEmpty == false && headers["ce_time"].flatMap(RFC3339.date(from:)) != nil)
        #expect(draftRecord.headers.prefix(6).map(\.name) == ["ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "content-type"])
        #expect(draftRecord.key?.hasPrefix("T-SEED-") == true)

        #expect(try SchemaValidator.validate(collector.all(collector.topics.drafts).map(\.value), schema: "draft-response.v1.json").allSatisfy { $0 == nil })
        #expect(try SchemaValidator.validate(collector.all(collector.topics.escalations).map(\.value), schema: "escalation.v1.json").allSatisfy { $0 == nil })

        try await expectGracefulExit(worker, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }

    @Test func poisonMessagesGoToTheDeadLetterTopicAndTheTicketsAroundThemStillGetDrafts() async throws {
        let cluster = try await Cluster.start()
        let worker = try cluster.startWorker()
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        let good = tickets(6, prefix: "GOOD")
        let huge = #"{"event_id":"e-huge","ticket_id":"T-HUGE","customer_id":"1","channel":"email","created_at":"2026-11-25T00:00:00Z","message":""# + String(repeating: "a", count: 2_000_000) + #""}"#
        let poison: [(key: String, payload: [UInt8], code: String)] = [
            ("P-JSON", Array(#"{"event_id": "e1", "message": "#.utf8), "invalid_json"),
            ("P-TYPE", Array(#"{"event_id":"e2","ticket_id":42,"customer_id":"1","channel":"email","message":"hi","created_at":"2026-11-25T00:00:00Z"}"#.utf8), "invalid_field"),
            ("P-MISSING", Array(#"{"event_id":"e3","ticket_id":"T-3","customer_id":"1","channel":"email","created_at":"2026-11-25T00:00:00Z"}"#.utf8), "missing_field"),
            ("P-HUGE", Array(huge.utf8), "payload_too_large"),
            ("P-UTF8", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d], "invalid_utf8"),
            ("P-ARRAY", Array("[1,2,3]".utf8), "invalid_json"),
            ("P-CHANNEL", Array(#"{"event_id":"e4","ticket_id":"T-4","customer_id":"1","channel":"pigeon","message":"hi","created_at":"2026-11-25T00:00:00Z"}"#.utf8), "invalid_field"),
        ]
        for (index, item) in poison.enumerated() {
            try await publisher.publish(good[index % good.count])
            try await publisher.publishRaw(item.payload, key: item.key)
        }
        try await waitUntil(timeout: .seconds(90), "dead letters and drafts") {
            collector.all(collector.topics.deadLetters).count >= poison.count && collector.draftedTicketIDs().isSuperset(of: good.map(\.ticketID))
        }
        let letters = Dictionary(try collector.deadLetters().map { ($0.original.key ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for item in poison {
            #expect(letters[item.key]?.error.code == item.code, "\(item.key) → \(item.code)")
        }
        let hugeLetter = try #require(letters["P-HUGE"])
        #expect(hugeLetter.original.payloadTruncated && hugeLetter.original.payloadBytes == huge.utf8.count)
        #expect(letters["P-UTF8"]?.original.payloadEncoding == .base64)
        #expect(try SchemaValidator.validate(collector.all(collector.topics.deadLetters).map(\.value), schema: "dead-letter.v1.json").allSatisfy { $0 == nil })
        try await expectGracefulExit(worker, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }

    @Test func aKilledWorkerLosesNoTicket() async throws {
        let cluster = try await Cluster.start()
        let first = try cluster.startWorker()
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        let all = tickets(1_500, prefix: "KILL")
        let publishing = Task { try await publisher.publishPaced(all, perSecond: 250) }
        try await waitUntil(timeout: .seconds(90), "some drafts") { collector.draftedTicketIDs().count >= 200 }
        first.signal(SIGKILL)
        _ = try await first.waitForExit()
        #expect(collector.draftedTicketIDs().count < all.count, "killed mid-stream")
        let second = try cluster.startWorker()
        try await waitUntil(timeout: .seconds(60), "the second worker assigned") { second.stderrText.contains("partitions assigned") }
        try await publishing.value
        try await waitUntil(timeout: .seconds(120), "every ticket drafted after the restart") {
            collector.draftedTicketIDs().isSuperset(of: all.map(\.ticketID))
        }
        try await expectGracefulExit(second, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }

    @Test func aTerminatedWorkerFinishesInFlightCommitsAndIsNotRedraftedOnRestart() async throws {
        let cluster = try await Cluster.start()
        let first = try cluster.startWorker()
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        let all = tickets(1_500, prefix: "TERM")
        let publishing = Task { try await publisher.publishPaced(all, perSecond: 250) }
        try await waitUntil(timeout: .seconds(90), "some drafts") { collector.draftedTicketIDs().count >= 200 }
        let signalled = ContinuousClock.now
        try await expectGracefulExit(first, within: .seconds(30))
        #expect(ContinuousClock.now - signalled < .seconds(10), "exits within the 10 s shutdown bound")
        #expect(collector.draftedTicketIDs().count < all.count, "stopped mid-stream")
        let second = try cluster.startWorker()
        try await waitUntil(timeout: .seconds(60), "the second worker assigned") { second.stderrText.contains("partitions assigned") }
        try await publishing.value
        try await waitUntil(timeout: .seconds(120), "every ticket drafted") {
            collector.draftedTicketIDs().isSuperset(of: all.map(\.ticketID))
        }
        try await Task.sleep(for: .seconds(2))
        let perTicket = Dictionary(grouping: collector.all(collector.topics.drafts).compactMap(\.key), by: { $0 }).mapValues(\.count)
        let redrafted = perTicket.filter { $0.value > 1 }.keys.sorted()
        #expect(redrafted.isEmpty, "re-drafted after a graceful restart: \(redrafted.prefix(10))")
        try await expectGracefulExit(second, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }

    @Test func twoWorkersShareThePartitionsAndTheSurvivorTakesOver() async throws {
        let cluster = try await Cluster.start()
        let first = try cluster.startWorker()
        let second = try cluster.startWorker()
        let collector = try EventCollector(brokers: cluster.brokers)
        try await waitUntil(timeout: .seconds(60), "both workers assigned") {
            first.stderrText.contains("partitions assigned") && second.stderrText.contains("partitions assigned")
        }
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        let all = tickets(1_500, prefix: "PAIR")
        let publishing = Task { try await publisher.publishPaced(all, perSecond: 250) }
        try await waitUntil(timeout: .seconds(90), "some drafts") { collector.draftedTicketIDs().count >= 300 }
        try await expectGracefulExit(second, within: .seconds(30))
        try await publishing.value
        try await waitUntil(timeout: .seconds(120), "every ticket drafted by the survivor") {
            collector.draftedTicketIDs().isSuperset(of: all.map(\.ticketID))
        }
        let assignments = first.ticketPartitionAssignments
        #expect(assignments.count >= 2, "the survivor was assigned again after the other left")
        #expect(assignments.last == 12)
        try await expectGracefulExit(first, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }
}
