import Foundation

/// Encodes note request bodies; a body that cannot be encoded is a permanent delivery failure.
enum NoteJSON {
    static func encode(_ value: some Encodable) throws(DeliveryError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(value))
        } catch {
            throw DeliveryError(.encodeFailed, "the note request could not be encoded: \(error)")
        }
    }
}
