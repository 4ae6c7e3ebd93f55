import QuimbiSupport

extension E5Embedder {
    /// The embeddings of `texts`, in order, with at most `inFlight` texts queued at once; for offline
    /// work (training, evaluation), so the deadline is far.
    public func embedAll(_ texts: [String], inFlight: Int = 32) async throws(EmbeddingUnavailable) -> [[Float]] {
        let deadline = ContinuousClock.now + .seconds(3_600)
        var embeddings: [[Float]] = []
        embeddings.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let window = Array(texts[start..<min(texts.count, start + max(1, inFlight))])
            let answers = await withTaskGroup(of: (Int, Result<[Float], EmbeddingUnavailable>).self) { group in
                for (offset, text) in window.enumerated() {
                    group.addTask { (offset, await self.answer(text, deadline: deadline)) }
                }
                var answers = [Result<[Float], EmbeddingUnavailable>](repeating: .failure(.cancelled), count: window.count)
                for await (offset, answer) in group { answers[offset] = answer }
                return answers
            }
            for answer in answers { embeddings.append(try answer.get()) }
            start += window.count
        }
        return embeddings
    }

    private func answer(_ text: String, deadline: ContinuousClock.Instant) async -> Result<[Float], EmbeddingUnavailable> {
        do {
            return .success(try await embed(text, deadline: deadline))
        } catch {
            return .failure(error)
        }
    }
}
