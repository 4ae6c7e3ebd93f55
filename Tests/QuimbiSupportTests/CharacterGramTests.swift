import Foundation
import QuimbiCore
import Testing

@testable import QuimbiSupport

/// The character-gram part of the intent head: what it counts, how it weighs it, how it is shipped and
/// that the trainer learns from it.
struct CharacterGramTests {
    private func total(_ counts: [(bucket: Int, count: Int)]) -> Int { counts.reduce(0) { $0 + $1.count } }

    @Test func caseAndAccentsDoNotChangeTheGrams() {
        let plain = CharacterGrams.counts("reduction")
        #expect(CharacterGrams.counts("Réduction").elementsEqual(plain) { $0 == $1 })
        #expect(CharacterGrams.counts("RÉDUCTION").elementsEqual(plain) { $0 == $1 })
    }

    @Test func eachPaddedWordGivesItsThreeToFiveCharacterGrams() {
        // " ab " gives " ab" and "ab " (3), " ab " (4), and itself once more for 5 (shorter than 5).
        #expect(total(CharacterGrams.counts("ab")) == 4)
        // " sale " (6 scalars) gives 4 + 3 + 2 grams.
        #expect(total(CharacterGrams.counts("sale")) == 9)
        #expect(CharacterGrams.counts("").isEmpty)
    }

    @Test func gramsNeverSpanTwoWords() {
        var merged: [Int: Int] = [:]
        for gram in CharacterGrams.counts("parcel") + CharacterGrams.counts("late") { merged[gram.bucket, default: 0] += gram.count }
        let together = CharacterGrams.counts("parcel   late")
        #expect(Dictionary(uniqueKeysWithValues: together.map { ($0.bucket, $0.count) }) == merged)
        #expect(together.allSatisfy { (0..<CharacterGrams.bucketCount).contains($0.bucket) })
    }

    @Test func aMessagesVectorHasTheEmphasisAsLengthAndRareGramsWeighMore() {
        let vectorizer = CharacterGramVectorizer(counting: ["the parcel", "the refund", "the invoice"])
        let features = vectorizer.features("the parcel")
        let length = features.reduce(0) { $0 + $1.value * $1.value }.squareRoot()
        #expect(abs(length - CharacterGramVectorizer.emphasis) < 1e-9)
        let value = Dictionary(uniqueKeysWithValues: features.map { ($0.bucket, $0.value) })
        let common = CharacterGrams.counts("the")[0].bucket, rare = CharacterGrams.counts("parcel")[0].bucket
        #expect(value[common]! < value[rare]!)
        #expect(vectorizer.features("  ").isEmpty)
    }

    @Test func theShippedFormKeepsFrequenciesAndWeightsWithinHalfAQuantisationStep() throws {
        let buckets = CharacterGrams.bucketCount
        let frequencies = (0..<buckets).map { UInt16($0 % 1000) }
        let weights = (0..<(2 * buckets)).map { Float(sin(Double($0))) * ($0 < buckets ? 3 : 0.5) }
        let part = CharacterGramWeights(vectorizer: CharacterGramVectorizer(documentCount: 4321, documentFrequencies: frequencies), weights: weights)
        let decoded = try #require(CharacterGramWeights(base64: part.base64, labelCount: 2))
        #expect(decoded.vectorizer == part.vectorizer)
        for (row, largest) in [(0, Float(3)), (1, Float(0.5))] {
            let step = largest / 127
            let worst = (row * buckets..<(row + 1) * buckets).map { abs(decoded.weights[$0] - weights[$0]) }.max()!
            #expect(worst <= step / 2 + 1e-6)
        }
        #expect(CharacterGramWeights(base64: part.base64, labelCount: 3) == nil)
        #expect(CharacterGramWeights(base64: "not base64", labelCount: 2) == nil)
    }

    @Test func theTrainerLearnsWordsTheEmbeddingDoesNotCarry() {
        // Embeddings that say nothing: only the grams can separate the two intents.
        let silent: [Float] = [0, 0, 0, 0]
        let examples: [(embedding: [Float], text: String, label: IntentLabel)] = [
            (silent, "refund please", .refundReturn), (silent, "I want my money refunded", .refundReturn),
            (silent, "where is my parcel", .orderStatus), (silent, "parcel tracking number", .orderStatus),
        ]
        let labels: [IntentLabel] = [.refundReturn, .orderStatus]
        let head = IntentHeadTrainer(iterations: 200).train(examples, labels: labels, modelIdentity: "test")
        let refund = head.probabilities(silent, text: "a refnd?")
        let parcel = head.probabilities(silent, text: "my parcell")
        #expect(refund[0] > 0.6 && parcel[1] > 0.6)
    }
}
