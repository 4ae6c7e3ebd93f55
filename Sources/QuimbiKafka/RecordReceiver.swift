/// Where a ``KafkaConsumer``'s poll thread hands the records it takes.
///
/// The poll thread calls it directly: a receiver that hands a record to the task which handles it saves a
/// task that only passes records on (``KafkaConsumer/batches`` is such a hop).
public protocol RecordReceiver: Sendable {
    /// Takes records in offset order per partition. Runs on the poll thread: must return quickly and never block.
    func receive(_ batch: [KafkaMessage])
    /// No record follows (fetching stopped, or the consumer closed). Runs on the poll thread, once.
    func finish()
}

/// Hands the records on as the elements of an `AsyncStream` (``KafkaConsumer/batches``).
struct StreamReceiver: RecordReceiver {
    let continuation: AsyncStream<[KafkaMessage]>.Continuation

    func receive(_ batch: [KafkaMessage]) { continuation.yield(batch) }

    func finish() { continuation.finish() }
}
