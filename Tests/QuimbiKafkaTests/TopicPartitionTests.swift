import QuimbiKafka
import Testing

struct TopicPartitionTests {
    /// The hash reads the partition and the topic's length only; equality must still tell topics of one
    /// length apart, as keys of the consumer's tables.
    @Test func partitionsOfTopicsWithNamesOfOneLengthStayApart() {
        let drafts = TopicPartition(topic: "support.drafts", partition: 3)
        let lookalike = TopicPartition(topic: "support.draftz", partition: 3)
        #expect(drafts != lookalike)
        #expect(drafts == TopicPartition(topic: String("support.drafts".reversed().reversed()), partition: 3))
        #expect(drafts.hashValue == TopicPartition(topic: "support." + "drafts", partition: 3).hashValue)
        var offsets: [TopicPartition: Int64] = [drafts: 1, lookalike: 2]
        offsets[TopicPartition(topic: "support.drafts", partition: 4)] = 3
        #expect(offsets[drafts] == 1 && offsets[lookalike] == 2 && offsets.count == 3)
        #expect(Set([drafts, lookalike, drafts]).count == 2)
    }
}
