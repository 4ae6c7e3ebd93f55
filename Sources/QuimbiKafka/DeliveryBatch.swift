import Synchronization

/// The delivery reports of records sent together, collected as librdkafka reports them on the
/// producer's poll thread. Its completion runs once, with every record's outcome in send order, as
/// soon as the last one is known. A record that was not delivered is handed back with its error.
final class DeliveryBatch: Sendable {
    typealias Outcome = Result<DeliveryReport, UndeliveredRecord>
    typealias Completion = @Sendable ([Outcome]) -> Void

    private struct State {
        var outcomes: [Outcome?]
        var remaining: Int
        var completion: Completion?
    }

    private let state: Mutex<State>

    /// A batch of `count` records; with none, `completion` runs at once.
    init(count: Int, completion: @escaping Completion) {
        state = Mutex(State(outcomes: Array(repeating: nil, count: count), remaining: count, completion: count == 0 ? nil : completion))
        if count == 0 { completion([]) }
    }

    /// Records the outcome of the record at `index`; only the first outcome of a record counts.
    func report(_ outcome: Outcome, at index: Int) {
        let finished = state.withLock { state -> (Completion, [Outcome])? in
            guard state.outcomes[index] == nil else { return nil }
            state.outcomes[index] = outcome
            state.remaining -= 1
            guard state.remaining == 0, let completion = state.completion else { return nil }
            state.completion = nil
            return (completion, state.outcomes.compactMap { $0 })
        }
        if let (completion, outcomes) = finished { completion(outcomes) }
    }

    /// Fails every record of `records` (the batch's, in their order) not reported yet with `error` (their
    /// later reports are ignored).
    func failUnreported(_ error: KafkaError, records: [ProducerRecord]) {
        let unreported = state.withLock { state in state.outcomes.indices.filter { state.outcomes[$0] == nil } }
        for index in unreported { report(.failure(UndeliveredRecord(error: error, record: records[index])), at: index) }
    }
}

/// One record of a ``DeliveryBatch``: what librdkafka carries as the record's opaque pointer.
final class DeliverySlot: Sendable {
    let batch: DeliveryBatch
    let index: Int
    /// The record's topic, for its delivery report (not read back from librdkafka as a C string).
    let topic: String
    /// The partition the record was sent to, `nil` for the partitioner's choice: an undelivered record is
    /// handed back as it was sent.
    let partition: Int32?

    init(batch: DeliveryBatch, index: Int, record: ProducerRecord) {
        self.batch = batch
        self.index = index
        topic = record.topic
        partition = record.partition
    }
}
