import QuimbiResilience
import QuimbiSupport

/// One text waiting for its embedding. Answered exactly once: by the engine thread, by its deadline,
/// by the waiting task's cancellation or by shutdown, whichever comes first.
final class EmbeddingRequest: Sendable {
    typealias Answer = Result<[Float], EmbeddingUnavailable>

    /// The text to embed.
    let text: String
    /// Its length in UTF-8 bytes, which the engine's cost follows.
    let characters: Int
    /// After this the answer is `.expired`, and the engine skips the text.
    let deadline: ContinuousClock.Instant
    private let shot = OneShot<[Float]>()

    init(text: String, deadline: ContinuousClock.Instant) {
        self.text = text
        characters = text.utf8.count
        self.deadline = deadline
    }

    /// Whether the request was answered already (expired, cancelled): the engine need not read it.
    var isAnswered: Bool { shot.isResolved }

    /// Waits for the answer; a cancelled waiting task answers `cancelled` at once.
    func wait() async -> Answer {
        do {
            return .success(try await shot.value())
        } catch let unavailable as EmbeddingUnavailable {
            return .failure(unavailable)
        } catch {
            return .failure(.cancelled)
        }
    }

    /// Gives the answer, unless one was given already.
    func answer(_ result: Answer) {
        shot.resume(with: result.mapError { $0 })
    }
}
