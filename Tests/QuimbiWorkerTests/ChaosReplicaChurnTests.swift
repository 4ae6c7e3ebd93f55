import Foundation
import QuimbiKafka
import Testing

/// Two worker replicas of one consumer group (in-process ``EmbeddedWorker``s) joining and leaving
/// every few seconds while tickets stream: each change rebalances the group. Every ticket must come
/// out drafted, and promptly once a replica owns its partition: its latency stays within its deadline
/// plus ``slack`` beyond the time its partition had no owner while it waited, as the replicas' rebalance
/// callbacks tell. How long a partition goes unowned is up to the coordinator (see ``longestUnowned``),
/// so that is only bounded generously. A replica leaves gracefully (it commits what it finished), so
/// only tickets in flight at a change may come out twice.
@Suite(.serialized) struct ChaosReplicaChurnTests {
    static let tickets = 2_000
    static let perSecond = 100
    /// Longer than ``mockJoinWait``, so that a change's rebalance usually ends before the next change
    /// (measured: every 2.5 s, a ticket waited 15–19 s, through several rebalances).
    static let changeEvery = Duration.seconds(7)
    /// ``EmbeddedWorker/sampleProcessor()``'s deadline.
    static let deadline = Duration.milliseconds(800)
    /// ``EmbeddedWorker``'s `session.timeout.ms`.
    static let rebalance = Duration.seconds(6)
    /// How long librdkafka 2.0.2's mock coordinator keeps a rebalance of a stable group joining:
    /// `rd_kafka_mock_cgrp_rebalance` (src/rdkafka_mock_cgrp.c) always waits `session.timeout.ms` − 1 s,
    /// however soon every member rejoined (a real coordinator ends the join then).
    static let mockJoinWait = rebalance - .seconds(1)
    /// Longest a partition may go unowned: a change can chain three of the mock's rebalances (measured:
    /// 14.5 s). When the leader's SyncGroup comes before a follower's, `rd_kafka_mock_cgrp_sync_check`
    /// completes the sync on it alone and `rd_kafka_mock_cgrp_sync_done` drops the follower's assignment;
    /// `rd_kafka_mock_cgrp_check_state` refuses the follower's late SyncGroup (INVALID_REQUEST once the
    /// group is up), so the follower rejoins and starts another rebalance, and a LeaveGroup sent meanwhile
    /// waits behind its pending JoinGroup (src/rdkafka_mock_handlers.c). A real coordinator answers a late
    /// SyncGroup with the assignment. One more join wait covers a change landing while such a chain runs
    /// (not seen in 11 runs), and the margin the heartbeat that tells owners of a rebalance; a partition
    /// no replica ever takes stays unowned for the whole stream (over 35 s) and fails.
    static let longestUnowned = mockJoinWait * 4 + .seconds(2)
    /// Catching up on the backlog of a rebalance, and the collector's fetch (measured: tickets waited at
    /// most 1.5 s while their partition was owned).
    static let slack = Duration.seconds(3)
    /// Outputs written this long before a change may still be uncommitted: the commit interval
    /// (200 ms) plus a ticket's deadline, with a margin. The mock coordinator refuses commits while
    /// it rebalances (`REBALANCE_IN_PROGRESS`, even the revoking member's own), so outputs written
    /// up to a rebalance after the change may be repeated by the partition's next owner.
    static let uncommittedWindow = Duration.milliseconds(200) + deadline + .seconds(1)

    @Test func twoReplicasJoiningAndLeavingEveryFewSecondsLoseNoTicket() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 6))
        let ownership = PartitionOwnership()
        func startReplica() -> EmbeddedWorker {
            EmbeddedWorker(cluster: rig.cluster, groupID: "chaos-churn", assignmentObserver: ownership.observerForNewReplica())
        }
        var replicas = [startReplica(), startReplica()]
        let warmUp = seedTickets(1, prefix: "CHURN-WARM")[0]
        try await rig.publisher.publish(warmUp)
        try await waitUntil(timeout: .seconds(30), "the first draft") { rig.collector.draftedTicketIDs().contains(warmUp.ticketID) }

        let published = Locked<[String: Date]>([:])
        let partitions = Locked<[String: TopicPartition]>([:])
        let streamStart = Date()
        let publishing = Task {
            try await rig.publisher.publishPaced(
                count: Self.tickets, perSecond: Self.perSecond, prefix: "CHURN", recordingIn: published, partitions: partitions)
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
                replicas.append(startReplica())
            }
        }
        try await publishing.value

        let ids = Set(published.withLock { $0.keys })
        try await waitUntil(timeout: .seconds(60), "every ticket drafted or dead-lettered") { rig.collector.finishedTicketIDs().isSuperset(of: ids) }
        let stream = DateInterval(start: streamStart, end: Date())
        let report = ChaosReport(rig.collector, published: published.withLock { $0 })
        print("chaos 2 replicas joining and leaving every \(Self.changeEvery) (\(changes.count) changes): \(report)")
        #expect(changes.count >= 3, "the group changed while the stream flowed")
        #expect(report.lost == 0 && report.drafted == report.tickets, "\(report)")

        let partitionOf = partitions.withLock { $0 }
        let unowned = ownership.unownedWindows(of: Set(partitionOf.values), during: stream)
        let longestWindow = unowned.values.joined().map(\.duration).max() ?? 0
        let waits = report.publishedToFirstOutput.map { ticket, span in
            TicketWait(ticket: ticket, latency: span.duration, unowned: partitionOf[ticket].map { unowned[$0, default: []].coverage(of: span) } ?? 0)
        }.sorted { $0.ownedWait > $1.ownedWait }
        print("""
            chaos churn: longest unowned window \(seconds(longestWindow)), longest wait while owned \(waits.first.map(\.description) ?? "none"); \
            unowned windows (length at time into the stream) \(describe(unowned, from: stream.start))
            """)
        #expect(longestWindow <= Self.longestUnowned.inSeconds, "a partition went unowned for \(seconds(longestWindow))")
        let late = waits.filter { $0.ownedWait > (Self.deadline + Self.slack).inSeconds }
        #expect(late.isEmpty, "\(late.count) tickets waited longer than \(Self.deadline + Self.slack) while their partition was owned: \(late.prefix(10))")
        let unexplained = report.unexplainedDuplicates(faults: changes, before: Self.uncommittedWindow, after: Self.rebalance)
        #expect(unexplained.isEmpty, "duplicated although not in flight at a change: \(unexplained.prefix(10))")

        for replica in replicas { #expect(await replica.stop() == nil) }
        await rig.close()
    }
}

/// A ticket's time from publication to its first output, and how much of it no replica owned its partition.
private struct TicketWait: CustomStringConvertible {
    var ticket: String
    var latency: TimeInterval
    var unowned: TimeInterval
    /// The worker's share of the latency.
    var ownedWait: TimeInterval { latency - unowned }

    var description: String { "\(ticket) \(seconds(ownedWait)) (latency \(seconds(latency)), \(seconds(unowned)) unowned)" }
}

/// Each partition's windows, as their length and their start after `start`.
private func describe(_ windows: [TopicPartition: [DateInterval]], from start: Date) -> String {
    windows.sorted { $0.key.partition < $1.key.partition }.map { partition, windows in
        "[\(partition.partition)] " + windows.map { "\(seconds($0.duration)) at \(seconds($0.start.timeIntervalSince(start)))" }.joined(separator: ", ")
    }.joined(separator: "; ")
}

private func seconds(_ interval: TimeInterval) -> String {
    String(format: "%.3f s", interval)
}
