import Foundation
import QuimbiCore
import QuimbiSupport
import Testing

/// How the lexicon's reading and the model's probabilities settle a ticket's intent.
struct IntentCombinationTests {
    private let desk = SupportDesk()

    /// The model's reading: `label` with `probability`, the rest shared evenly.
    private func model(_ label: IntentLabel, _ probability: Double, then second: IntentLabel? = nil, _ secondProbability: Double = 0) -> IntentProbabilities {
        let labels = IntentLabel.allCases
        let rest = (1 - probability - secondProbability) / Double(labels.count - (second == nil ? 1 : 2))
        return IntentProbabilities(labels: labels, values: labels.map { $0 == label ? probability : $0 == second ? secondProbability : rest })
    }

    private func read(_ message: String, _ reading: IntentProbabilities) -> Intent {
        desk.analyze(Fixtures.ticket(message), modelReading: reading).intent
    }

    @Test func agreementIsReadByBoth() {
        let intent = read("Where is my order? I placed it on Monday.", model(.orderStatus, 0.8))
        #expect(intent.label == .orderStatus && intent.reader == .lexiconAndModel)
        #expect(intent.confidence >= 0.8)
    }

    @Test func preciseLexiconCuesStandAgainstAnUnsureModel() {
        let message = "I want a refund, please send me a return label for the unopened needles."
        let lexical = desk.analyze(Fixtures.ticket(message)).intent
        #expect(lexical.label == .refundReturn && lexical.confidence >= 0.9)
        let intent = read(message, model(.productQuestion, 0.35))
        #expect(intent.label == .refundReturn && intent.reader == .lexicon)
        #expect(intent.secondary.contains(.productQuestion))
    }

    @Test func aSureModelOverrulesTheLexicon() {
        let intent = read("Can I get a refund for the unopened needles?", model(.cancelOrder, 0.97))
        #expect(intent.label == .cancelOrder && intent.reader == .model)
        #expect(intent.secondary.contains(.refundReturn))
    }

    @Test func theModelReadsWhatTheLexiconCannot() {
        let message = "zx qq vv"
        #expect(desk.analyze(Fixtures.ticket(message)).intent.label == .general)
        let intent = read(message, model(.account, 0.6))
        #expect(intent.label == .account && intent.reader == .model)
    }

    @Test func anUncertainOfferReadingFallsBackToGeneralWithItsCandidates() async {
        let message = "zx qq vv"
        let intent = read(message, model(.discountRequest, 0.25, then: .productQuestion, 0.2))
        #expect(intent.label == .general && intent.reader == .model)
        #expect(intent.secondary.prefix(2) == [.discountRequest, .productQuestion])
        let stub = StubEmbedder { _ throws(EmbeddingUnavailable) in [Float](repeating: 0, count: 384) }
        let modelDesk = SupportDesk(intentModel: try! IntentModel(embedder: stub, head: Self.head(favouring: .discountRequest, 0.25), modelPath: "stub"))
        let outcome = await Fixtures.outcome(message, desk: modelDesk)
        #expect(outcome.analysis.intent.label == .general)
        #expect(!outcome.recommendation.offerDiscount, "an uncertain reading never buys a discount")
    }

    @Test func praiseInASarcasticTicketIsNotPraise() {
        let message = "Oh great, another late parcel. Just wonderful, thanks a lot."
        let intent = read(message, model(.praise, 0.8, then: .serviceComplaint, 0.15))
        #expect(intent.label != .praise)
    }

    @Test func anIntentWhoseCuesAreNegatedIsNotTheModelsToRead() {
        let message = "The vase is not damaged at all, I just want to know when the second parcel comes."
        let intent = read(message, model(.serviceComplaint, 0.75, then: .orderStatus, 0.2))
        #expect(intent.label != .serviceComplaint)
    }

    @Test func policyFlagsSurviveAModelReading() {
        let message = "I will dispute the charge with my bank. zx qq"
        let lexical = desk.analyze(Fixtures.ticket(message)).intent
        let flags = lexical.signals.filter { ["chargeback", "legal_threat", "repeated_contact"].contains($0) }
        #expect(!flags.isEmpty)
        let intent = read(message, model(.billing, 0.9))
        #expect(Set(flags).isSubset(of: Set(intent.signals)))
    }

    @Test func aModelThatCannotReadLeavesTheLexiconAndSaysSo() async {
        for reason in [EmbeddingUnavailable.overloaded, .expired, .cancelled, .failed] {
            let modelDesk = SupportDesk(intentModel: try! IntentModel(embedder: StubEmbedder.refusing(reason), modelPath: "stub"))
            let ticket = Fixtures.ticket("Where is my order? I placed it on Monday.")
            let analysis = await modelDesk.read(ticket, deadline: .now + .seconds(1))
            #expect(analysis.intent == desk.analyze(ticket).intent)
            #expect(analysis.intent.reader == .lexicon)
            #expect(analysis.degraded == [SupportDesk.intentModelSource])
        }
    }

    @Test func aHeadTrainedOnAnotherModelIsRefused() {
        let stub = StubEmbedder(identity: "e5 d768 l12 v250037") { _ throws(EmbeddingUnavailable) in [] }
        #expect(throws: IntentModelError.self) { try IntentModel(embedder: stub, modelPath: "/models/other.bin") }
        do {
            _ = try IntentModel(embedder: stub, modelPath: "/models/other.bin")
        } catch {
            #expect(error.code == "intent_model_mismatch" && error.message.contains("/models/other.bin"))
        }
    }

    /// A head that reads `label` with `probability` from the zero embedding (its gram weights all zero).
    static func head(favouring label: IntentLabel, _ probability: Double) -> IntentHead {
        let labels = IntentLabel.allCases
        let others = (1 - probability) / Double(labels.count - 1)
        var parameters = [Float](repeating: 0, count: labels.count * 385)
        for (row, candidate) in labels.enumerated() {
            parameters[row * 385 + 384] = Float(log(candidate == label ? probability : others))
        }
        return IntentHead(
            modelIdentity: IntentHead.trained.modelIdentity, labels: labels, dimension: 384, parameters: parameters,
            characterGrams: CharacterGramWeights(
                vectorizer: CharacterGramVectorizer(documentCount: 0, documentFrequencies: Array(repeating: 0, count: CharacterGrams.bucketCount)),
                weights: Array(repeating: 0, count: labels.count * CharacterGrams.bucketCount)))
    }
}
