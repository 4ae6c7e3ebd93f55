import Foundation

/// `dead-letter.v1` — an input that can never succeed, published to `support.tickets.dlq`
/// (Schemas/events/dead-letter.v1.json).
public struct DeadLetter: Codable, Sendable, Hashable {
    /// The error, with a stable code.
    public struct Failure: Codable, Sendable, Hashable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Where the failed message came from, and its content.
    public struct Original: Codable, Sendable, Hashable {
        public enum Encoding: String, Codable, Sendable { case utf8, base64 }
        public var topic: String
        public var partition: Int32
        public var offset: Int64
        /// The message key as text (UTF-8) when it had one.
        public var key: String?
        public var payload: String
        public var payloadEncoding: Encoding
        /// Size of the original payload in bytes.
        public var payloadBytes: Int
        /// Whether `payload` holds only the first ``maxPayloadBytes`` of the original.
        public var payloadTruncated: Bool

        /// Most payload bytes kept in a dead letter, so that an oversized input still fits in one.
        public static let maxPayloadBytes = 64 * 1024

        public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, payload: [UInt8]) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
            self.key = key.map { String(decoding: $0, as: UTF8.self) }
            payloadBytes = payload.count
            payloadTruncated = payload.count > Self.maxPayloadBytes
            let kept = payload.prefix(Self.maxPayloadBytes)
            if !payloadTruncated, let text = String(validating: kept, as: UTF8.self) {
                self.payload = text
                payloadEncoding = .utf8
            } else {
                self.payload = Data(kept).base64EncodedString()
                payloadEncoding = .base64
            }
        }

        enum CodingKeys: String, CodingKey {
            case topic, partition, offset, key, payload
            case payloadEncoding = "payload_encoding"
            case payloadBytes = "payload_bytes"
            case payloadTruncated = "payload_truncated"
        }
    }

    public var eventID: String
    public var error: Failure
    public var original: Original
    public var failedAt: Date

    public init(eventID: String, error: Failure, original: Original, failedAt: Date) {
        self.eventID = eventID
        self.error = error
        self.original = original
        self.failedAt = failedAt
    }

    enum CodingKeys: String, CodingKey {
        case error, original
        case eventID = "event_id"
        case failedAt = "failed_at"
    }
}
