import Foundation
import HTTPTypes
import Hummingbird
import QuimbiCore
import QuimbiMetrics

/// An HTTP API failure with a stable code, answered as `{"error": {"code": …, "message": …}}`.
public struct APIError: QuimbiError, Equatable {
    /// Stable snake_case code.
    public var code: String
    /// Human-readable explanation.
    public var message: String
    /// HTTP status of the answer.
    public var status: HTTPResponse.Status
    /// Seconds for a `Retry-After` header, when the client should retry later.
    public var retryAfterSeconds: Int?

    /// Creates an error answered with `status`.
    public init(code: String, message: String, status: HTTPResponse.Status, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// 401 without detail, for any missing, wrong or revoked credential.
    static let unauthorized = APIError(code: "unauthorized", message: "unauthorized", status: .unauthorized)

    /// The JSON response of this error.
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        let body = ErrorBody(error: .init(code: code, message: message))
        let bytes = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private struct ErrorBody: Encodable {
        struct Detail: Encodable { var code: String; var message: String }
        var error: Detail
    }
}

extension APIError {
    /// `value` as a JSON response; a value that cannot be encoded is a 500 `encoding_failed`.
    static func jsonResponse(_ value: some Encodable) throws(APIError) -> Response {
        do { return try JSONResponse.make(value) } catch { throw APIError(code: "encoding_failed", message: "could not encode the response", status: .internalServerError) }
    }
}
