import QuimbiKafka
import Testing

@testable import QuimbiWorker

@Suite struct RecordLanesTests {
    private static func records(_ offsets: Range<Int64>) -> [KafkaMessage] {
        offsets.map {
            KafkaMessage(
                topicPartition: TopicPartition(topic: "tickets", partition: 0), offset: $0, key: nil, value: [], headers: [],
                timestampMilliseconds: nil)
        }
    }

    /// The lanes asked for so far, counted once `lanes` is finished (the requests end with it).
    private static func laneRequests(after lanes: RecordLanes) async -> Int {
        lanes.finish()
        var count = 0
        for await _ in lanes.laneRequests { count += 1 }
        return count
    }

    @Test func queuedRecordsAreTakenInOrderAndLanesEndOnceFinishedAndDrained() async {
        let lanes = RecordLanes(maxLanes: 8)
        lanes.receive(Self.records(0..<5))
        #expect(await Self.laneRequests(after: lanes) == 5, "a lane for each waiting record")
        var taken: [Int64] = []
        await lanes.runLane { taken.append($0.offset) }
        #expect(taken == [0, 1, 2, 3, 4])
        #expect(await lanes.next() == nil, "a finished, drained queue keeps ending lanes")
    }

    @Test func lanesAskedForNeverPassTheLimitNorOutnumberTheWaitingRecords() async {
        let lanes = RecordLanes(maxLanes: 3)
        lanes.receive(Self.records(0..<2))
        lanes.receive(Self.records(2..<3))
        lanes.receive(Self.records(3..<10))
        #expect(await Self.laneRequests(after: lanes) == 3)

        let few = RecordLanes(maxLanes: 8)
        few.receive(Self.records(0..<1))
        few.receive(Self.records(1..<2))
        #expect(await Self.laneRequests(after: few) == 2, "the lane asked for by the first record does not count for the second")
    }

    @Test func anIdleLaneGetsTheNextRecordDirectlyAndNoLaneIsAskedFor() async {
        let lanes = RecordLanes(maxLanes: 2)
        let lane = Task { await lanes.next()?.offset }
        while lanes.idleLaneCount == 0 { await Task.yield() }
        lanes.receive(Self.records(7..<8))
        #expect(await lane.value == 7)
        #expect(await Self.laneRequests(after: lanes) == 0)
    }

    @Test func finishEndsTheIdleLanesAndDropsLaterRecords() async {
        let lanes = RecordLanes(maxLanes: 4)
        let idle = (0..<3).map { _ in Task { await lanes.next() == nil } }
        while lanes.idleLaneCount < 3 { await Task.yield() }
        lanes.finish()
        for lane in idle { #expect(await lane.value) }
        lanes.receive(Self.records(0..<2))
        #expect(await lanes.next() == nil, "records after the finish are dropped")
        #expect(await Self.laneRequests(after: lanes) == 0)
    }

    @Test func aCancelledLaneTakesNoMoreRecords() async {
        let lanes = RecordLanes(maxLanes: 2)
        lanes.receive(Self.records(0..<3))
        let lane = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await lanes.next()
        }
        #expect(await lane.value == nil)
        lanes.finish()
        var left: [Int64] = []
        while let record = await lanes.next() { left.append(record.offset) }
        #expect(left == [0, 1, 2], "the records stay queued for lanes that are not cancelled")
    }

    @Test func aLastingBacklogDoesNotKeepTheRecordsAlreadyTaken() async {
        let lanes = RecordLanes(maxLanes: 1)
        lanes.receive(Self.records(0..<100))
        var taken: [Int64] = []
        var mostHeld = 0
        // The poll thread keeps a hundred records waiting while a lane takes 5,000 records one by one.
        for offset in Int64(100)..<5_100 {
            taken.append(await lanes.next()!.offset)
            lanes.receive(Self.records(offset..<(offset + 1)))
            mostHeld = max(mostHeld, lanes.heldRecordCount)
        }
        #expect(mostHeld <= 2 * 100 + 64, "taken records are dropped, not kept behind the waiting ones")
        #expect(taken == Array(0..<5_000), "records are still taken in order")
    }
}
