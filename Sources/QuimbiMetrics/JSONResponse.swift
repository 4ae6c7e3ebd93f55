import Foundation
import Hummingbird
import QuimbiCore

/// JSON responses encoded with Quimbi's shared encoder.
public enum JSONResponse {
    /// `status` with `value` as the JSON body (`application/json`).
    public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let bytes = try QuimbiJSON.makeEncoder().encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
