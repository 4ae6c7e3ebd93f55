import Testing
@testable import QuimbiKafka

@Suite struct OffsetWatermarkTests {
    @Test func commitsOnlyBelowTheFirstUnfinishedRecord() {
        var watermark = OffsetWatermark()
        for offset in Int64(10)...14 { watermark.track(offset) }
        #expect(watermark.committable == 10)
        watermark.finish(12)
        watermark.finish(11)
        #expect(watermark.committable == 10, "10 is still in flight")
        watermark.finish(10)
        #expect(watermark.committable == 13)
        watermark.finish(14)
        #expect(watermark.committable == 13)
        watermark.finish(13)
        #expect(watermark.committable == 15)
        #expect(watermark.unsettled == 0)
    }

    @Test func skipsOffsetGaps() {
        var watermark = OffsetWatermark()
        watermark.track(5)
        watermark.track(9)
        watermark.finish(5)
        #expect(watermark.committable == 9)
        watermark.finish(9)
        #expect(watermark.committable == 10)
    }

    @Test func abandonedRecordsAreSettledButNeverCommittedPast() {
        var watermark = OffsetWatermark()
        for offset in Int64(0)...2 { watermark.track(offset) }
        watermark.finish(0)
        watermark.abandon(1)
        watermark.finish(2)
        #expect(watermark.unsettled == 0)
        #expect(watermark.committable == 1)
    }

    @Test func reportsUncommittedProgressOnlyWhenTheCommittableOffsetMoved() {
        var watermark = OffsetWatermark()
        #expect(!watermark.hasUncommittedProgress)
        watermark.track(0)
        watermark.finish(0)
        #expect(watermark.hasUncommittedProgress)
        watermark.committed = watermark.committable
        #expect(!watermark.hasUncommittedProgress)
        watermark.finish(0)
        #expect(watermark.unsettled == 0, "finishing twice changes nothing")
    }

    @Test func compactsAfterManyRecords() {
        var watermark = OffsetWatermark()
        for offset in Int64(0)..<20_000 {
            watermark.track(offset)
            watermark.finish(offset)
        }
        #expect(watermark.committable == 20_000)
        watermark.track(20_000)
        #expect(watermark.committable == 20_000)
    }
}
