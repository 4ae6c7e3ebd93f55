import Testing
@testable import QuimbiKafka

/// Whether sends are few: within the limit over the last full window and over the current one so far.
struct SendPaceTests {
    /// 40 sends a second over windows of 100 ms: 4 a window.
    private func pace() -> SendPace { SendPace(sendsPerSecond: 40, window: .milliseconds(100)) }

    /// The times `count` sends made evenly over the window starting at `start` milliseconds.
    private func sends(_ count: Int, inWindowFrom start: Int) -> [Duration] {
        (0..<count).map { .milliseconds(start) + .milliseconds(100) * Double($0) / Double(count) }
    }

    @Test func theLimitIsThePaceOverOneWindow() {
        #expect(pace().limit == 4)
        #expect(SendPace(sendsPerSecond: 3_000, window: .milliseconds(50)).limit == 150)
    }

    @Test func sendsAtThePaceOrBelowAreFewInEveryWindow() {
        var pace = pace()
        for window in 0..<5 {
            #expect(sends(4, inWindowFrom: window * 100).allSatisfy { pace.countSend(at: $0) }, "window \(window)")
        }
    }

    /// Past the limit, the rest of the window and the whole next one are not few: a steady load never sends promptly.
    @Test func aWindowOverTheLimitMakesItsRestAndTheNextWindowNotFew() {
        var pace = pace()
        let first = sends(6, inWindowFrom: 0).map { pace.countSend(at: $0) }
        #expect(first == [true, true, true, true, false, false])
        #expect(sends(2, inWindowFrom: 100).map { pace.countSend(at: $0) } == [false, false], "the window before held 6")
        #expect(sends(3, inWindowFrom: 200).map { pace.countSend(at: $0) } == [true, true, true], "the window before held 2")
    }

    @Test func aQuietGapOfWholeWindowsForgetsTheLoadBeforeIt() {
        var pace = pace()
        _ = sends(10, inWindowFrom: 0).map { pace.countSend(at: $0) }
        let few = pace.countSend(at: .milliseconds(250))
        #expect(few, "the window of 100-200 ms was empty")
    }

    @Test func aTimeEarlierThanTheLastCountsInTheCurrentWindow() {
        var pace = pace()
        _ = sends(4, inWindowFrom: 100).map { pace.countSend(at: $0) }
        let few = pace.countSend(at: .milliseconds(50))
        #expect(!few, "a fifth send in the window of 100-200 ms")
    }
}
