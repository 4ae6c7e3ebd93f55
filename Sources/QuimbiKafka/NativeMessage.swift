import CRdKafka

/// Copies of a librdkafka message's key and value, for records consumed and for records reported undelivered.
enum NativeMessage {
    /// The value's bytes, copied (empty for a null value).
    static func value(of message: UnsafePointer<rd_kafka_message_t>) -> [UInt8] {
        message.pointee.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: message.pointee.len)) } ?? []
    }

    /// The key's bytes, copied; `nil` for no key.
    static func key(of message: UnsafePointer<rd_kafka_message_t>) -> [UInt8]? {
        message.pointee.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len)) }
    }
}
