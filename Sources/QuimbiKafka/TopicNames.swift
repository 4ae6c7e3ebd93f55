import CRdKafka
import Foundation

/// The names of the topics a consumer's records come from, made into `String`s once.
///
/// A topic name longer than fifteen bytes is a heap-allocated `String`, and making one for every record
/// (allocating, validating the bytes) cost more than the rest of reading its partition. Records come
/// from one or a few topics; the name is compared with the last one made (a `memcmp`) and reused, which
/// also lets equal `TopicPartition`s share one string. Used by the consumer's poll thread only.
final class TopicNames {
    private var last = ""

    /// The name of `topic` (a librdkafka topic handle).
    func name(of topic: OpaquePointer) -> String {
        let name = rd_kafka_topic_name(topic)!
        let length = strlen(name)
        let same = last.utf8.count == length
            && last.utf8.withContiguousStorageIfAvailable { bytes in bytes.baseAddress.map { memcmp($0, name, length) == 0 } ?? true } == true
        if !same { last = String(cString: name) }
        return last
    }
}
