import Foundation
import HelpdeskFake
import QuimbiCore
import QuimbiKafka
import QuimbiStore
import QuimbiTestSupport
import QuimbiWorker
import Testing

/// Restart-proof deduplication (issue 16): a draft whose note was written is not written again when its record is
/// read again — here by a second deliverer in a new group, which replays the topics from the beginning as a
/// restarted or rebalanced deliverer replays what was not committed, but without any of the first one's memory.
@Suite(.serialized) struct DeliveryRestartTests {
    /// Drafts of `perHelpdesk` tickets from each of the four helpdesks, on a 3-partition cluster with a worker.
    struct Scenario {
        let rig: KafkaRig
        let worker: EmbeddedWorker
        let standIns: [HelpdeskStandIn]
        let sources: [HelpdeskTickets]

        init(perHelpdesk: Int) async throws {
            let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 3))
            worker = EmbeddedWorker(cluster: rig.cluster)
            standIns = [
                try await .zendesk(), try await .freshdesk(), try await .gorgias(), try await .chatwoot(account: 7),
            ]
            sources = standIns.map { HelpdeskTickets(system: $0.system.rawValue, count: perHelpdesk) }
            for source in sources { try await source.publish(with: rig.publisher) }
            let drafts = sources.count * perHelpdesk
            _ = try await rig.waitForDraftsAndTheirEscalations(drafts)
            self.rig = rig
        }

        /// How many notes (drafts and escalations) the worker's output asks for.
        func expectedNotes() throws -> Int {
            try standIns.reduce(0) { $0 + (try rig.collector.eventIDs(of: $1.system.rawValue)).count }
        }

        func notesWritten() -> Int {
            standIns.reduce(0) { $0 + $1.notes().count }
        }

        /// Each event of each helpdesk has exactly one note there.
        func expectOneNotePerEvent() throws {
            for standIn in standIns {
                let expected = try rig.collector.eventIDs(of: standIn.system.rawValue)
                let notes = standIn.notesPerEvent
                #expect(Set(notes.keys) == expected, "\(standIn.system): the notes name the events")
                #expect(notes.values.allSatisfy { $0 == 1 }, "\(standIn.system): one note per event, not \(notes.filter { $0.value > 1 })")
            }
        }

        /// Delivers everything with a deliverer of `group`, then stops it.
        func deliverAll(group: String, log: (any DeliveryLog)? = nil, logWait: Duration = .seconds(10)) async throws -> DeliveryCounts {
            let deliverer = EmbeddedDeliverer(cluster: rig.cluster, standIns: standIns, log: log, groupID: group, logWait: logWait)
            let events = try expectedNotes()
            try await waitUntil(timeout: .seconds(120), "\(events) events delivered or found delivered by \(group)") {
                deliverer.counts.delivered + deliverer.counts.duplicates >= events
            }
            #expect(await deliverer.stop() == nil)
            #expect(deliverer.counts.deadLettered.isEmpty)
            return deliverer.counts
        }

        func close() async throws {
            #expect(await worker.stop() == nil)
            for standIn in standIns { try await standIn.close() }
            await rig.close()
        }
    }

    @Test func withoutPostgreSQLAReplayFindsEachNoteByItsMarkerInEveryHelpdeskAndWritesNoneTwice() async throws {
        let scenario = try await Scenario(perHelpdesk: 12)
        let expected = try scenario.expectedNotes()
        let first = try await scenario.deliverAll(group: "deliver-first")
        #expect(first.delivered == expected)
        try scenario.expectOneNotePerEvent()
        let replay = try await scenario.deliverAll(group: "deliver-replay")
        #expect(replay.delivered == 0)
        #expect(replay.duplicates == expected)
        #expect(scenario.notesWritten() == expected)
        try scenario.expectOneNotePerEvent()
        try await scenario.close()
    }

    @Test(.enabled(if: TestServers.available)) func withPostgreSQLAReplayFindsEachDeliveryRecordedAndReadsNoHelpdesk() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 2)
        _ = try await Migrator(pool: pool).migrate()
        let log = DeliveredNoteRepository(pool: pool)
        try await log.verifyTable()
        let scenario = try await Scenario(perHelpdesk: 6)
        let expected = try scenario.expectedNotes()
        let first = try await scenario.deliverAll(group: "deliver-first", log: log)
        #expect(first.delivered == expected)
        let recorded = try await pool.query("SELECT helpdesk, count(*) FROM delivered_notes GROUP BY helpdesk ORDER BY helpdesk").rows
        #expect(recorded.map { $0[0] ?? "" } == ["chatwoot", "freshdesk", "gorgias", "zendesk"])
        #expect(recorded.reduce(0) { $0 + Int($1[1] ?? "0")! } == expected)
        let requests = scenario.standIns.map(\.server.requestCount)
        let replay = try await scenario.deliverAll(group: "deliver-replay", log: log)
        #expect(replay.duplicates == expected)
        #expect(scenario.standIns.map(\.server.requestCount) == requests, "the log answered: no helpdesk was asked")
        try scenario.expectOneNotePerEvent()
        try await scenario.close()
        await pool.close()
    }

    /// A delivery log that never answers, as PostgreSQL down for the whole run.
    struct DeadLog: DeliveryLog {
        struct Down: Error {}
        func contains(eventID: String) async throws -> Bool { throw Down() }
        func record(eventID: String, helpdesk: String, ticketID: String) async throws { throw Down() }
    }

    @Test func aDeadDeliveryLogNeitherStopsDeliveryNorPostsBlindly() async throws {
        let scenario = try await Scenario(perHelpdesk: 6)
        let expected = try scenario.expectedNotes()
        // One attempt at the log per note (no wait), then the helpdesk's notes decide.
        let first = try await scenario.deliverAll(group: "deliver-first", log: DeadLog(), logWait: .zero)
        #expect(first.delivered == expected)
        let replay = try await scenario.deliverAll(group: "deliver-replay", log: DeadLog(), logWait: .zero)
        #expect(replay.duplicates == expected)
        try scenario.expectOneNotePerEvent()
        try await scenario.close()
    }
}

/// The seed's three scenarios from Freshdesk, Gorgias and Chatwoot, end to end: ticket event → worker → deliverer →
/// a private note in the helpdesk's stand-in, and the escalation's marks in its own calls.
@Suite(.serialized) struct HelpdeskDeliveryEndToEndTests {
    @Test func theSeedScenariosBecomePrivateNotesInFreshdeskGorgiasAndChatwoot() async throws {
        let scenario = try await DeliveryRestartTests.Scenario(perHelpdesk: 3)
        let counts = try await scenario.deliverAll(group: "deliver")
        #expect(counts.delivered == 4 * 4, "three drafts and one escalation per helpdesk")
        try scenario.expectOneNotePerEvent()
        for standIn in scenario.standIns {
            let notes = standIn.notes()
            #expect(notes.contains { $0.contains("15 % discount") }, "\(standIn.system): the churn threat's offer")
            #expect(notes.contains { $0.hasPrefix("Quimbi escalation: manager follow-up") }, "\(standIn.system): the escalation")
        }
        let calls = Dictionary(uniqueKeysWithValues: scenario.standIns.compactMap { standIn in
            standIn.recording.map { (standIn.system, $0.calls) }
        })
        let freshdesk = try #require(calls[.freshdesk])
        #expect(freshdesk.filter { $0.path.hasSuffix("/notes") }.allSatisfy { $0.json.contains(#""private":true"#) })
        #expect(freshdesk.filter { $0.method == "PUT" }.map(\.path) == ["/api/v2/tickets/3"])
        let gorgias = try #require(calls[.gorgias])
        #expect(gorgias.filter { $0.path.hasSuffix("/messages") }.allSatisfy { $0.json.contains(#""channel":"internal-note""#) })
        #expect(gorgias.filter { $0.path.hasSuffix("/tags") }.map(\.path) == ["/api/tickets/3/tags"])
        let chatwoot = try #require(calls[.chatwoot])
        #expect(chatwoot.filter { $0.path.hasSuffix("/messages") }.allSatisfy { $0.json.contains(#""private":true"#) })
        #expect(chatwoot.filter { $0.path.hasSuffix("/toggle_priority") }.map(\.path) == ["/api/v1/accounts/7/conversations/3/toggle_priority"])
        try await scenario.close()
    }
}
