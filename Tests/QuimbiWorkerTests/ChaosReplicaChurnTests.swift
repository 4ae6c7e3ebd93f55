import Foundation
import QuimbiKafka
import Testing

/// Two worker replicas of one consumer group (in-process ``EmbeddedWorker``s) joining and leaving
/// every few seconds while tickets stream: each change rebalances the group. Every ticket must come
/// out drafted; a ticket's latency stays within its deadline plus a rebalance, which the coordinator
/// bounds by the session timeout (the longest it waits for a member to rejoin). A replica leaves
/// gracefully (it commits what it finished), so only tickets in flight at a change may come out twice.
@Suite(.serialized) struct ChaosReplicaChurnTests {
    static let tickets = 2_000
    static let perSecond = 100
    /// Longer than ``rebalance``: the mock coordinator ends a rebalance only once every member
    /// rejoined or its session expired, so changes closer together chain their outages (measured:
    /// every 2.5 s, a ticket waited 15–19 s, through several rebalances).
    static let changeEvery = Duration.seconds(7)
    /// ``EmbeddedWorker/sampleProcessor()``'s deadline.
    static let deadline = Duration.milliseconds(800)
    /// ``EmbeddedWorker``'s `session.timeout.ms`: the longest a rebalance waits for a member.
    static let rebalance = Duration.seconds(6)
    /// Catching up on the backlog of a rebalance, and the collector's fetch.
    static let slack = Duration.seconds(3)
    /// Outputs written this long before a change may still be uncommitted: the commit interval
    /// (200 ms) plus a ticket's deadline, with a margin. The mock coordinator refuses commits while
    /// it rebalances (`REBALANCE_IN_PROGRESS`, even the revoking member's own), so outputs written
    /// up to a rebalance after the change may be repeated by the partition's next owner.
    static let uncommittedWindow = Duration.milliseconds(200) + deadline + .seconds(1)

    @Test func twoReplicasJoiningAndLeavingEveryFewSecondsLoseNoTicket() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 6))
        let group = "chaos-churn"
        var replicas = [EmbeddedWorker(cluster: rig.cluster, groupID: group), EmbeddedWorker(cluster: rig.cluster, groupID: group)]
        let warmUp = seedTickets(1, prefix: "CHURN-WARM")[0]
        try await rig.publisher.publish(warmUp)
        try await waitUntil(timeout: .seconds(30), "the first draft") { rig.collector.draftedTicketIDs().contains(warmUp.ticketID) }

        let published = Locked<[String: Date]>([:])
        let publishing = Task {
            try await rig.publisher.publishPaced(count: Self.tickets, perSecond: Self.perSecond, prefix: "CHURN", recordingIn: published)
        }
        // 2 replicas → 1 (the older leaves) → 2 (a new one joins) → 1 → …, until the stream ends.
        var changes: [Date] = []
        while published.withLock({ $0.count }) < Self.tickets {
            try await Task.sleep(for: Self.changeEvery)
            changes.append(Date())
            if replicas.count == 2 {
                let leaving = replicas.removeFirst()
                #expect(await leaving.stop() == nil)
            } else {
                replicas.append(EmbeddedWorker(cluster: rig.cluster, groupID: group))
            }
        }
        try await publishing.value

        let ids = Set(published.withLock { $0.keys })
        try await waitUntil(timeout: .seconds(60), "every ticket drafted or dead-lettered") { rig.collector.finishedTicketIDs().isSuperset(of: ids) }
        let report = ChaosReport(rig.collector, published: published.withLock { $0 })
        print("chaos 2 replicas joining and leaving every \(Self.changeEvery) (\(changes.count) changes): \(report)")
        #expect(changes.count >= 3, "the group changed while the stream flowed")
        #expect(report.lost == 0 && report.drafted == report.tickets, "\(report)")
        #expect(report.maxLatency <= Self.deadline + Self.rebalance + Self.slack, "\(report)")
        let unexplained = report.unexplainedDuplicates(faults: changes, before: Self.uncommittedWindow, after: Self.rebalance)
        #expect(unexplained.isEmpty, "duplicated although not in flight at a change: \(unexplained.prefix(10))")

        for replica in replicas { #expect(await replica.stop() == nil) }
        await rig.close()
    }
}
