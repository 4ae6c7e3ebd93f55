import Foundation
import QuimbiEmbedding
import QuimbiSupport
import Testing

/// The engine on its own threads: real embeddings, a bounded queue, deadlines and shutdown.
struct EmbedderTests {
    private func cosine(_ lhs: [Float], _ rhs: [Float]) -> Float {
        zip(lhs, rhs).map(*).reduce(0, +)
    }

    @Test func embeddingsAreNormalisedAndMultilingual() async throws {
        let texts = [
            "Where is my parcel? It still has not arrived.", "¿Dónde está mi paquete? Todavía no ha llegado.",
            "Wo ist mein Paket? Es ist immer noch nicht angekommen.", "I would like to reset my password.",
        ]
        let vectors = try await ModelFiles.embedder.embedAll(texts)
        for vector in vectors {
            #expect(vector.count == 384)
            #expect(abs(cosine(vector, vector) - 1) < 1e-3)
        }
        #expect(cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[3]))
        #expect(cosine(vectors[0], vectors[2]) > cosine(vectors[0], vectors[3]))
    }

    @Test func theSameTextAloneOrInABatchGetsTheSameEmbedding() async throws {
        let text = "Can I still cancel the order I placed this morning?"
        let alone = try await ModelFiles.embedder.embed(text, deadline: .now + .seconds(60))
        let batched = try await ModelFiles.embedder.embedAll(["Hello there", text, "Danke schön!"], inFlight: 3)[1]
        #expect(cosine(alone, batched) > 0.999)
    }

    @Test func aDeadlineAlreadyPassedIsNotQueued() async {
        await #expect(throws: EmbeddingUnavailable.expired) {
            try await ModelFiles.embedder.embed("Where is my order?", deadline: .now - .milliseconds(1))
        }
    }

    @Test func aFullQueueRefusesAtOnceAndLosesNoAnsweredText() async throws {
        let embedder = try E5Embedder(
            file: E5ModelFile(path: ModelFiles.installed), settings: .init(threads: 1, batchLimit: 1, queueCapacity: 2))
        let outcomes = await withTaskGroup(of: Result<[Float], EmbeddingUnavailable>.self) { group in
            for index in 0..<24 {
                group.addTask { await Self.attempt(embedder, "Order \(index): where is it, and when does it come?", deadline: .now + .seconds(60)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await embedder.shutdown()
        let embedded = outcomes.filter { (try? $0.get())?.count == 384 }.count
        let refused = outcomes.filter { if case .failure(.overloaded) = $0 { true } else { false } }.count
        #expect(embedded + refused == 24, "every text is either embedded or refused")
        #expect(refused > 0 && embedded >= 2)
    }

    @Test func aTextWhoseDeadlinePassesWhileItWaitsIsAnsweredAtItsDeadline() async throws {
        let embedder = try E5Embedder(
            file: E5ModelFile(path: ModelFiles.installed), settings: .init(threads: 1, batchLimit: 1, queueCapacity: 64))
        let long = String(repeating: "My parcel is late and I would like to know what happened to it. ", count: 20)
        let deadline = ContinuousClock.now + .milliseconds(200)
        let outcomes = await withTaskGroup(of: Result<[Float], EmbeddingUnavailable>.self) { group in
            for _ in 0..<40 {
                group.addTask { await Self.attempt(embedder, long, deadline: deadline) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let answeredBy = ContinuousClock.now
        await embedder.shutdown()
        #expect(outcomes.count == 40)
        let unread = outcomes.filter { outcome in
            if case .failure(let reason) = outcome { [.expired, .overloaded].contains(reason) } else { false }
        }
        #expect(!unread.isEmpty, "one thread cannot embed 40 long texts in 200 ms")
        #expect(outcomes.allSatisfy { if case .failure(let reason) = $0 { [.expired, .overloaded].contains(reason) } else { true } })
        // One batch may still be in the engine when the deadline passes; no one waits for the queue behind it.
        #expect(answeredBy - deadline < .seconds(2))
    }

    @Test func shutdownAnswersTheWaitingAndRefusesNewTexts() async throws {
        let embedder = try E5Embedder(
            file: E5ModelFile(path: ModelFiles.installed), settings: .init(threads: 1, batchLimit: 1, queueCapacity: 64))
        let waiting = Task {
            await withTaskGroup(of: Bool.self) { group in
                for index in 0..<16 {
                    group.addTask { (try? await embedder.embed("Ticket \(index) about a refund", deadline: .now + .seconds(60))) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
        }
        await embedder.shutdown()
        let answers = await waiting.value
        #expect(answers.count == 16, "every waiting text is answered")
        await #expect(throws: EmbeddingUnavailable.cancelled) {
            try await embedder.embed("After shutdown", deadline: .now + .seconds(5))
        }
    }

    @Test func aCancelledCallerStopsWaiting() async throws {
        let embedder = try E5Embedder(
            file: E5ModelFile(path: ModelFiles.installed), settings: .init(threads: 1, batchLimit: 1, queueCapacity: 64))
        let long = String(repeating: "Please tell me where my order is. ", count: 30)
        let background = Task { _ = try? await embedder.embedAll(Array(repeating: long, count: 8), inFlight: 8) }
        let caller = Task { try await embedder.embed("Where is my order?", deadline: .now + .seconds(60)) }
        caller.cancel()
        await #expect(throws: EmbeddingUnavailable.cancelled) { try await caller.value }
        background.cancel()
        await embedder.shutdown()
    }

    private static func attempt(_ embedder: E5Embedder, _ text: String, deadline: ContinuousClock.Instant) async -> Result<[Float], EmbeddingUnavailable> {
        do {
            return .success(try await embedder.embed(text, deadline: deadline))
        } catch {
            return .failure(error)
        }
    }
}
