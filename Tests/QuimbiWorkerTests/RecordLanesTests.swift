import QuimbiKafka
import Testing

@testable import QuimbiWorker

@Suite struct RecordLanesTests {
    private static func record(_ offset: Int64) -> KafkaMessage {
        KafkaMessage(
            topicPartition: TopicPartition(topic: "tickets", partition: 0), offset: offset, key: nil, value: [], headers: [],
            timestampMilliseconds: nil)
    }

    @Test func queuedRecordsAreTakenInOrderAndLanesEndOnceFinishedAndDrained() async {
        let lanes = RecordLanes(capacity: 8)
        for offset in 0..<5 { #expect(!lanes.push(Self.record(Int64(offset))), "no lane is idle yet") }
        lanes.finish()
        var taken: [Int64] = []
        while let record = await lanes.next() {
            taken.append(record.offset)
            lanes.done()
        }
        #expect(taken == [0, 1, 2, 3, 4])
        #expect(await lanes.next() == nil, "a finished, drained queue keeps ending lanes")
    }

    @Test func anIdleLaneGetsTheNextRecordDirectly() async {
        let lanes = RecordLanes(capacity: 2)
        let lane = Task { await lanes.next()?.offset }
        while lanes.idleLaneCount == 0 { await Task.yield() }
        #expect(lanes.push(Self.record(7)), "the idle lane took it")
        #expect(await lane.value == 7)
    }

    @Test func finishEndsTheIdleLanes() async {
        let lanes = RecordLanes(capacity: 4)
        let idle = (0..<3).map { _ in Task { await lanes.next() == nil } }
        while lanes.idleLaneCount < 3 { await Task.yield() }
        lanes.finish()
        for lane in idle { #expect(await lane.value) }
    }

    @Test func thePumpWaitsAtCapacityUntilALaneIsDone() async {
        let lanes = RecordLanes(capacity: 2)
        await lanes.waitForRoom()
        _ = lanes.push(Self.record(0))
        await lanes.waitForRoom()
        _ = lanes.push(Self.record(1))
        let resumed = OneShotSignal()
        let pump = Task {
            await lanes.waitForRoom()
            resumed.signal()
        }
        while !lanes.isWaitingForRoom { await Task.yield() }
        #expect(!resumed.isSet, "two records in flight fill a capacity of two")
        _ = await lanes.next()
        lanes.done()
        await pump.value
        #expect(resumed.isSet)
        #expect(!lanes.isWaitingForRoom)
    }
}
