import CRdKafka
import Synchronization

/// Owns an `rd_kafka_t`. librdkafka handles are thread-safe; destruction happens exactly once.
final class KafkaHandle: Sendable {
    nonisolated(unsafe) let pointer: OpaquePointer
    private let destroyed = Atomic<Bool>(false)

    /// Creates a client from `configuration`, which librdkafka takes ownership of on success.
    init(type: rd_kafka_type_t, configuration: OpaquePointer) throws(KafkaError) {
        var buffer = [CChar](repeating: 0, count: 512)
        guard let pointer = rd_kafka_new(type, configuration, &buffer, buffer.count) else {
            rd_kafka_conf_destroy(configuration)
            let reason = text(ofCBuffer: buffer)
            throw KafkaError(.clientCreationFailed, reason)
        }
        self.pointer = pointer
    }

    /// Destroys the client (blocking; call from a dedicated thread).
    func destroy() {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_destroy(pointer)
    }
}
