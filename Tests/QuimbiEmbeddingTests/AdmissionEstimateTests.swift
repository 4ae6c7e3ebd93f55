@testable import QuimbiEmbedding
import Testing

/// The queue admits a text only when the engine's recent cost lets it be read by its deadline.
struct AdmissionEstimateTests {
    @Test func aTextIsAdmittedWhenTheQueueAheadFitsTheTimeLeft() {
        let estimate = AdmissionEstimate(initialCost: .milliseconds(30))
        #expect(estimate.admits(waiting: 0, threads: 1, remaining: .milliseconds(30)))
        #expect(!estimate.admits(waiting: 0, threads: 1, remaining: .milliseconds(29)))
        #expect(estimate.admits(waiting: 9, threads: 1, remaining: .milliseconds(300)))
        #expect(!estimate.admits(waiting: 10, threads: 1, remaining: .milliseconds(300)))
        #expect(estimate.admits(waiting: 19, threads: 2, remaining: .milliseconds(300)), "two threads halve the wait")
    }

    @Test func theCostFollowsTheMeasuredBatches() {
        var estimate = AdmissionEstimate(initialCost: .milliseconds(30))
        estimate.record(batchOf: 4, took: .milliseconds(400))  // 100 ms a text: the engine is starved
        #expect(estimate.costPerText == .milliseconds(44))
        for _ in 0..<40 { estimate.record(batchOf: 4, took: .milliseconds(400)) }
        #expect(abs((estimate.costPerText - .milliseconds(100)) / .milliseconds(1)) < 0.1)
        #expect(!estimate.admits(waiting: 2, threads: 1, remaining: .milliseconds(250)))
    }

    @Test func anEmptyBatchChangesNothing() {
        var estimate = AdmissionEstimate(initialCost: .milliseconds(30))
        estimate.record(batchOf: 0, took: .seconds(5))
        #expect(estimate.costPerText == .milliseconds(30))
    }
}
