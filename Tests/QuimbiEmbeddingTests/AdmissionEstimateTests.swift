@testable import QuimbiEmbedding
import Testing

/// The queue admits a text only when the engine's recent cost lets it be read by its deadline. A call costs
/// its characters plus ``AdmissionEstimate/callOverheadCharacters`` (48) at the cost per character.
struct AdmissionEstimateTests {
    @Test func aTextIsAdmittedWhenTheWaitTheQueueAheadAndItsOwnCallFitTheTimeLeft() {
        let estimate = AdmissionEstimate(initialCost: .microseconds(500))
        #expect(estimate.call(characters: 60) == .milliseconds(54))
        #expect(estimate.admits(characters: 60, waiting: 0, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(54)))
        #expect(!estimate.admits(characters: 60, waiting: 0, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(53)))
        #expect(estimate.admits(characters: 60, waiting: 492, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(300)))
        #expect(!estimate.admits(characters: 60, waiting: 494, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(300)))
        #expect(estimate.admits(characters: 60, waiting: 984, threadFreeIn: .zero, threads: 2, remaining: .milliseconds(300)), "two threads halve the wait")
        #expect(!estimate.admits(characters: 60, waiting: 0, threadFreeIn: .milliseconds(100), threads: 1, remaining: .milliseconds(153)))
    }

    /// The wait before a thread starts on the text (the call in progress and the queue ahead) may take at
    /// most a share of the time left, though the text would still be read in time.
    @Test func theWaitForAThreadTakesAtMostItsShareOfTheTimeLeft() {
        let estimate = AdmissionEstimate(initialCost: .microseconds(500))
        #expect(estimate.admits(characters: 60, waiting: 100, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(300), maxWaitShare: 1.0 / 6))
        #expect(!estimate.admits(characters: 60, waiting: 102, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(300), maxWaitShare: 1.0 / 6))
        #expect(estimate.admits(characters: 60, waiting: 102, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(300)), "no share: in time")
        #expect(!estimate.admits(characters: 60, waiting: 0, threadFreeIn: .milliseconds(51), threads: 1, remaining: .milliseconds(300), maxWaitShare: 1.0 / 6))
    }

    /// A long message costs what its length costs, a very short one what a call costs: neither makes the
    /// messages after it look costlier than they are.
    @Test func theCostIsPerCharacterWithACallsOverhead() {
        var estimate = AdmissionEstimate(initialCost: .microseconds(500))
        for _ in 0..<5 { estimate.record(characters: 900, took: .milliseconds(474), late: false) }
        estimate.record(characters: 2, took: .milliseconds(25), late: false)
        #expect(estimate.costPerCharacter == .microseconds(500))
        #expect(estimate.call(characters: 60) <= .milliseconds(300))
        #expect(estimate.call(characters: 900) > .milliseconds(300), "a text that cannot be read in time alone")
    }

    /// Texts answered after their tickets gave up on them raise the estimate whatever the measured cost said
    /// (the estimate admitted them: it was wrong); texts answered in time bring it back.
    @Test func lateAnswersRaiseTheEstimateAndTimelyOnesLowerIt() {
        var estimate = AdmissionEstimate(initialCost: .microseconds(250))
        for _ in 0..<3 { estimate.record(characters: 60, took: .microseconds(27_000), late: true) }
        #expect(estimate.correction == 3.375)
        #expect(!estimate.admits(characters: 60, waiting: 0, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(80)))
        for _ in 0..<12 { estimate.record(characters: 60, took: .microseconds(27_000), late: false) }
        #expect(abs(estimate.correction - 1) < 1e-9)
        #expect(estimate.admits(characters: 60, waiting: 0, threadFreeIn: .zero, threads: 1, remaining: .milliseconds(80)))
    }

    @Test func theCostFollowsTheMeasuredCalls() {
        var estimate = AdmissionEstimate(initialCost: .microseconds(500))
        estimate.record(characters: 400, took: .milliseconds(896), late: false)  // 2 ms a character: the engine is starved
        #expect(estimate.costPerCharacter == .microseconds(800))
        for _ in 0..<40 { estimate.record(characters: 400, took: .milliseconds(896), late: false) }
        #expect(abs((estimate.costPerCharacter - .milliseconds(2)) / .microseconds(1)) < 1)
    }

    @Test func aRunningCallRaisesTheEstimateToWhatItHasCostSoFar() {
        let estimate = AdmissionEstimate(initialCost: .microseconds(500))
        #expect(estimate.raised(toAtLeast: .milliseconds(3)).call(characters: 52) == .milliseconds(300))
        #expect(estimate.raised(toAtLeast: .microseconds(100)) == estimate)
    }

    @Test func anEmptyCallChangesNothing() {
        var estimate = AdmissionEstimate(initialCost: .microseconds(500))
        estimate.record(characters: 0, took: .seconds(5), late: true)
        #expect(estimate == AdmissionEstimate(initialCost: .microseconds(500)))
    }
}
