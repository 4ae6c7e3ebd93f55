import Foundation
import QuimbiCore
import Testing

/// The worker process SIGKILLed three times while tickets stream: `quimbi worker` subprocesses (as
/// users run them) on a `quimbi dev-broker`, a new one started after each kill. Every ticket must
/// come out drafted; a ticket's latency stays within its deadline plus the outage (the new process
/// starting and joining the group, which waits for the dead member's session to expire). Duplicates
/// are expected (at-least-once): only tickets whose output came out just before a kill, while their
/// offsets were still uncommitted, may come out twice.
@Suite(.serialized) struct ChaosWorkerKillTests {
    static let tickets = 4_000
    static let perSecond = 100
    static let kills = 3
    static let deadlineMilliseconds = 1_000
    static let deadline = Duration.milliseconds(deadlineMilliseconds)
    /// Catching up on the backlog of the outage, and the collector's fetch.
    static let slack = Duration.seconds(4)
    /// Outputs written this long before a kill may still be uncommitted: the commit interval (200 ms)
    /// plus a ticket's deadline (a slow ticket holds back its partition's commit), with a margin.
    static let uncommittedWindow = Duration.milliseconds(200) + deadline + .seconds(1)
    /// Longest a record takes from the broker to the collector.
    static let collectorLag = Duration.seconds(1)
    /// Without the intent model, which would compete for this machine's few cores with the stream
    /// (it adds about 40 ms to the first draft, and the kills do not touch it).
    static let workerArguments = ["--ticket-deadline-ms", "\(deadlineMilliseconds)", "--lexicon-only"]

    @Test func theWorkerSIGKILLedThreeTimesLosesNoTicket() async throws {
        let cluster = try await Cluster.start()
        let collector = try EventCollector(brokers: cluster.brokers)
        let publisher = try TicketPublisher(brokers: cluster.brokers)
        let warmUp = seedTickets(1, prefix: "KILL3-WARM")[0]
        try await publisher.publish(warmUp)
        let spawned = ContinuousClock.now
        let spawnedAt = Date()
        var worker = try cluster.startWorker(extra: Self.workerArguments)
        let first = worker
        try await waitUntil(timeout: .seconds(60), "the first assignment") { !first.ticketPartitionAssignments.isEmpty }
        let assigned = spawned.duration(to: .now)
        try await waitUntil(timeout: .seconds(60), "the first draft") { collector.draftedTicketIDs().contains(warmUp.ticketID) }
        let read = spawned.duration(to: .now)
        let timing = try #require(try collector.drafts().first { $0.ticketID == warmUp.ticketID }).timing
        print("""
            quimbi worker start to first draft (debug build, --lexicon-only, in-memory sample store, dev-broker; the ticket \
            waiting): partitions assigned \(assigned), ticket received \(timing.receivedAt.timeIntervalSince(spawnedAt)) s, \
            drafted \(timing.completedAt.timeIntervalSince(spawnedAt)) s, draft read by the collector \(read)
            """)

        let published = Locked<[String: Date]>([:])
        let publishing = Task {
            try await publisher.publishPaced(count: Self.tickets, perSecond: Self.perSecond, prefix: "KILL3", recordingIn: published)
        }
        var killedAt: [Date] = []
        var outages: [Duration] = []
        var publishedAtLastKill = 0
        for kill in 1...Self.kills {
            let running = worker
            let draftedBefore = collector.draftedTicketIDs().count
            try await waitUntil(timeout: .seconds(60), "worker \(kill) drafting") { collector.draftedTicketIDs().count >= draftedBefore + 200 }
            running.signal(SIGKILL)
            publishedAtLastKill = published.withLock { $0.count }
            let outageStart = ContinuousClock.now
            killedAt.append(Date())
            _ = try await running.waitForExit()
            worker = try cluster.startWorker(extra: Self.workerArguments)
            let replacement = worker
            try await waitUntil(timeout: .seconds(60), "worker \(kill + 1) assigned every partition") {
                replacement.ticketPartitionAssignments.last == 12
            }
            outages.append(outageStart.duration(to: .now))
            // The backlog of this outage drained before the next kill: each ticket lives through one outage.
            let backlog = Set(published.withLock { $0.keys })
            try await waitUntil(timeout: .seconds(60), "the backlog of kill \(kill) drained") { collector.finishedTicketIDs().isSuperset(of: backlog) }
        }
        #expect(publishedAtLastKill < Self.tickets, "the last kill came while the stream still flowed")
        try await publishing.value

        let ids = Set(published.withLock { $0.keys })
        try await waitUntil(timeout: .seconds(60), "every ticket drafted or dead-lettered") { collector.finishedTicketIDs().isSuperset(of: ids) }
        let report = ChaosReport(collector, published: published.withLock { $0 })
        let longestOutage = outages.max() ?? .zero
        print("chaos worker SIGKILLed \(Self.kills)×: \(report), outages (kill to every partition assigned) \(outages)")
        #expect(report.lost == 0 && report.drafted == report.tickets, "\(report)")
        #expect(report.maxLatency <= Self.deadline + longestOutage + Self.slack, "\(report)")
        let unexplained = report.unexplainedDuplicates(faults: killedAt, before: Self.uncommittedWindow, after: Self.collectorLag)
        #expect(unexplained.isEmpty, "duplicated although not in flight at a kill: \(unexplained.prefix(10))")

        try await expectGracefulExit(worker, within: .seconds(15))
        await publisher.producer.shutdown()
        await collector.close()
        await cluster.stop()
    }
}
