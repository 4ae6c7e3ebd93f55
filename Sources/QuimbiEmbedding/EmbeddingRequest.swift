import Foundation
import QuimbiSupport

/// One text waiting for its embedding. Answered exactly once: by the engine thread, by its deadline,
/// by cancellation or by shutdown, whichever comes first.
final class EmbeddingRequest: @unchecked Sendable {
    typealias Answer = Result<[Float], EmbeddingUnavailable>

    /// The text to embed.
    let text: String
    /// After this the answer is `.expired`, and the engine skips the text.
    let deadline: ContinuousClock.Instant
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Answer, Never>?
    private var answer: Answer?

    init(text: String, deadline: ContinuousClock.Instant) {
        self.text = text
        self.deadline = deadline
    }

    /// Whether the request was answered already (expired, cancelled): the engine need not read it.
    var isAnswered: Bool { lock.withLock { answer != nil } }

    /// Waits for the answer.
    func wait() async -> Answer {
        await withCheckedContinuation { continuation in
            let ready: Answer? = lock.withLock {
                if let answer { return answer }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Gives the answer, unless one was given already.
    func answer(_ result: Answer) {
        let waiting: CheckedContinuation<Answer, Never>? = lock.withLock {
            guard answer == nil else { return nil }
            answer = result
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: result)
    }
}
