import Dispatch
import Foundation
import QuimbiResilience
import QuimbiSupport

/// Embeds ticket texts with multilingual-e5-small, in process, on threads of its own.
///
/// The engine's calls are blocking CPU work, so they never run on Swift's cooperative pool: tickets
/// wait in a bounded queue, and each engine thread takes what is waiting in one batch (a batch costs
/// less per text than single calls). A full queue refuses at once and a text whose deadline passes
/// while it waits is skipped; either way the caller reads the ticket with the lexicon alone. The engine
/// threads run in the idle scheduling class (``LowerPriority``), so under load the ticket pipeline keeps
/// the processors it needs and the model reads with what is left.
public final class E5Embedder: TextEmbedder, @unchecked Sendable {
    /// How the embedder uses the machine.
    public struct Settings: Sendable, Equatable {
        /// Engine threads; each runs one batch at a time on one core.
        public var threads: Int
        /// Most texts one engine call embeds.
        public var batchLimit: Int
        /// Most texts waiting at once.
        public var queueCapacity: Int
        /// Characters of a ticket that are embedded: the start of a long message says what it is about,
        /// and the engine's cost grows with the length.
        public var maxCharacters: Int

        /// Settings; `threads` defaults to one per core.
        public init(threads: Int? = nil, batchLimit: Int = 8, queueCapacity: Int = 64, maxCharacters: Int = 1_200) {
            self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            self.batchLimit = max(1, batchLimit)
            self.queueCapacity = max(1, queueCapacity)
            self.maxCharacters = max(1, maxCharacters)
        }
    }

    public let identity: String
    /// The settings in use.
    public let settings: Settings
    private let queue: EmbeddingQueue
    private let running = DispatchGroup()

    /// Loads `file` and starts the engine threads.
    public init(file: E5ModelFile, settings: Settings = Settings()) throws(IntentModelError) {
        let engine = try E5Engine(file)
        identity = file.identity
        self.settings = settings
        queue = EmbeddingQueue(capacity: settings.queueCapacity, threads: settings.threads, batchLimit: settings.batchLimit)
        for index in 0..<settings.threads {
            running.enter()
            NamedThread.start(name: "e5-\(index)", stackSize: 8 << 20) { [queue, running] in
                LowerPriority.applyToCurrentThread()
                Self.serve(queue, engine: engine)
                running.leave()
            }
        }
    }

    public func embed(_ text: String, deadline: ContinuousClock.Instant) async throws(EmbeddingUnavailable) -> [Float] {
        guard ContinuousClock.now < deadline else { throw .expired }
        let request = EmbeddingRequest(text: String(text.prefix(settings.maxCharacters)), deadline: deadline)
        if let refused = queue.offer(request) { throw refused }
        let answer = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                request.answer(.failure(.expired))
            }
            let answer = await request.wait()
            group.cancelAll()
            return answer
        }
        return try answer.get()
    }

    /// Refuses new texts, answers the waiting ones `cancelled` and returns once the threads are done.
    public func shutdown() async {
        for request in queue.close() { request.answer(.failure(.cancelled)) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            running.notify(queue: .global()) { continuation.resume() }
        }
    }

    private static func serve(_ queue: EmbeddingQueue, engine: E5Engine) {
        // `take` hands out only requests still within their deadline.
        while let batch = queue.take() {
            let started = ContinuousClock.now
            let embedded = engine.embed(batch.map(\.text))
            let late = batch.contains { $0.isAnswered }
            queue.record(characters: batch.reduce(0) { $0 + $1.characters }, took: ContinuousClock.now - started, late: late)
            guard let vectors = embedded else {
                batch.forEach { $0.answer(.failure(.failed)) }
                continue
            }
            for (request, vector) in zip(batch, vectors) { request.answer(.success(vector)) }
        }
    }
}
