import CRdKafka

extension KafkaError.Code {
    /// The code of a record that librdkafka failed to queue or to deliver with `error`, which tells how
    /// the caller should go on: send it again after a pause (``deliveryFailed``), give this record up
    /// (``recordRejected``), or stop using the producer (``producerFatal``).
    ///
    /// librdkafka has already retried retriable broker errors (leader moves, timeouts, throttling)
    /// within `delivery.timeout.ms` before it reports one, so what reaches here either timed out
    /// (worth another try later) or is permanent. Unknown codes count as retriable: an outage must not
    /// dead-letter tickets; the caller's back-off bounds the cost of a wrong guess.
    static func delivery(_ error: rd_kafka_resp_err_t) -> KafkaError.Code {
        switch error {
        case RD_KAFKA_RESP_ERR__FATAL, RD_KAFKA_RESP_ERR__FENCED, RD_KAFKA_RESP_ERR__INCONSISTENT, RD_KAFKA_RESP_ERR__GAPLESS_GUARANTEE,
             RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
             RD_KAFKA_RESP_ERR_PRODUCER_FENCED, RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH:
            return .producerFatal
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE,
             RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
             RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION,
             RD_KAFKA_RESP_ERR_INVALID_MSG, RD_KAFKA_RESP_ERR_INVALID_RECORD, RD_KAFKA_RESP_ERR__BAD_MSG,
             RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP, RD_KAFKA_RESP_ERR_POLICY_VIOLATION,
             RD_KAFKA_RESP_ERR_UNSUPPORTED_FOR_MESSAGE_FORMAT, RD_KAFKA_RESP_ERR_UNSUPPORTED_COMPRESSION_TYPE,
             RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS:
            return .recordRejected
        default:
            return .deliveryFailed
        }
    }
}

extension KafkaError {
    /// The error of a record that failed with `error`, classified by ``KafkaError/Code/delivery(_:)``;
    /// once the producer `rk` raised a fatal error, every failure is ``KafkaError/Code/producerFatal``
    /// and names the underlying error (librdkafka then reports `__FATAL` or purges the queue).
    init(delivering context: String, error: rd_kafka_resp_err_t, producer rk: OpaquePointer) {
        if let fatal = KafkaError.fatal(of: rk) {
            self.init(.producerFatal, "\(context): \(String(cString: rd_kafka_err2str(error))); \(fatal.message)", rdkafkaCode: fatal.rdkafkaCode)
        } else {
            self.init(.delivery(error), context, error: error)
        }
    }

    /// The fatal error the client `rk` raised, if it raised one.
    static func fatal(of rk: OpaquePointer) -> KafkaError? {
        var buffer = [CChar](repeating: 0, count: 512)
        let underlying = rd_kafka_fatal_error(rk, &buffer, buffer.count)
        guard underlying != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        let name = String(cString: rd_kafka_err2name(underlying))
        return KafkaError(.producerFatal, "fatal \(name): \(text(ofCBuffer: buffer))", rdkafkaCode: underlying.rawValue)
    }
}
