import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends note requests to one helpdesk over AsyncHTTPClient and reads the answer.
public struct HelpdeskHTTPTransport: Sendable {
    /// Largest answer body read: a note's echo, or a page of a ticket's notes.
    static let maxBodyBytes = 1 << 20

    private let client: HTTPClient
    private let connection: HelpdeskConnection
    private let requestTimeout: Duration

    /// A transport to `connection` over `client` (owned by the caller), each request bounded by `requestTimeout`.
    public init(client: HTTPClient, connection: HelpdeskConnection, requestTimeout: Duration = .seconds(10)) {
        self.client = client
        self.connection = connection
        self.requestTimeout = requestTimeout
    }

    /// An HTTP client keeping up to `connections` connections per helpdesk host (AsyncHTTPClient's default of 8
    /// would cap the notes written at once, whatever the deliverer's concurrency). The caller shuts it down.
    public static func makeClient(connections: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request`; returns the body of a 2xx answer.
    /// - Throws: ``DeliveryError`` for every other answer, and `helpdesk_unavailable` when none came.
    @discardableResult
    public func send(_ request: NoteRequest) async throws(DeliveryError) -> [UInt8] {
        var http = HTTPClientRequest(url: connection.baseURL + request.path)
        http.method = .RAW(value: request.method.rawValue)
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: connection.credentialHeader, value: connection.credential)
        if request.method != .get {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let status: Int
        let retryAfter: Duration?
        let body: ByteBuffer
        do {
            let timeout = TimeAmount.nanoseconds(requestTimeout.components.seconds * 1_000_000_000 + requestTimeout.components.attoseconds / 1_000_000_000)
            let response = try await client.execute(http, timeout: timeout)
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.seconds)
            body = try await response.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw DeliveryError(.unavailable, "no answer from \(connection.baseURL): \(error)")
        }
        if let failure = DeliveryError.forStatus(status, retryAfter: retryAfter) { throw failure }
        return Array(buffer: body)
    }

    /// `Retry-After` in seconds, the form helpdesk APIs send.
    static func seconds(_ value: String) -> Duration? {
        guard let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else { return nil }
        return .milliseconds(Int64(seconds * 1_000))
    }
}
