import CRdKafka

/// Conversions to and from librdkafka topic-partition lists.
enum TopicPartitionList {
    static func read(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartition] {
        let count = Int(list.pointee.cnt)
        return (0..<count).map { index in
            let element = list.pointee.elems[index]
            return TopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }

    /// Runs `body` with a temporary native list of `offsets`.
    static func with<T>(_ offsets: [TopicPartition: Int64], _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> T) -> T {
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (key, offset) in offsets {
            rd_kafka_topic_partition_list_add(list, key.topic, key.partition).pointee.offset = offset
        }
        return body(list)
    }

    /// Commits offsets (the next offset to read, per partition).
    static func commit(_ rk: OpaquePointer, _ offsets: [TopicPartition: Int64], async: Bool) -> rd_kafka_resp_err_t {
        with(offsets) { rd_kafka_commit(rk, $0, async ? 1 : 0) }
    }

    /// Pauses or resumes fetching of `partitions`.
    static func setPaused(_ rk: OpaquePointer, _ partitions: [TopicPartition], paused: Bool) {
        guard !partitions.isEmpty else { return }
        with(Dictionary(uniqueKeysWithValues: partitions.map { ($0, Int64(RD_KAFKA_OFFSET_INVALID)) })) { list in
            _ = paused ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list)
        }
    }
}
