import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request as a stand-in helpdesk received it.
public struct FakeHelpdeskRequest: Sendable {
    public var method: String
    public var path: String
    /// Header values by lower-cased name.
    public var headers: [String: String]
    public var body: [UInt8]

    /// The `Authorization` header.
    public var authorization: String? { headers["authorization"] }
}

/// One answer of a stand-in helpdesk.
public struct FakeHelpdeskAnswer: Sendable {
    public var status: Int
    public var body: String
    public var retryAfter: String?

    public init(status: Int, body: String = "{}", retryAfter: String? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
    }
}

/// A helpdesk API's behaviour: the answer to each request (the vendor's documented shapes).
public protocol FakeHelpdeskAPI: Sendable {
    func answer(_ request: FakeHelpdeskRequest) -> FakeHelpdeskAnswer
}

/// A local HTTP server that answers as a helpdesk API does, after an adjustable latency, with injectable
/// faults (429 with `Retry-After`, 5xx) answered before the API is asked; for tests and throughput
/// measurements, never linked into `quimbi`.
public final class FakeHelpdeskServer: Sendable {
    struct State {
        var faults: [FakeHelpdeskAnswer] = []
        var latency: Duration
        var requests = 0
    }

    private let channel: any Channel
    private let state: NIOLockedValueBox<State>

    /// The base URL, e.g. `http://127.0.0.1:54321`.
    public var baseURL: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }

    private init(channel: any Channel, state: NIOLockedValueBox<State>) {
        self.channel = channel
        self.state = state
    }

    /// Starts `api` on a free loopback port, answering after `latency`.
    public static func start(_ api: any FakeHelpdeskAPI, latency: Duration = .zero) async throws -> FakeHelpdeskServer {
        let state = NIOLockedValueBox(State(latency: latency))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(api: api, state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeHelpdeskServer(channel: channel, state: state)
    }

    /// Answers the next requests with `faults`, in order, before the API answers again.
    public func inject(_ faults: [FakeHelpdeskAnswer]) {
        state.withLockedValue { $0.faults += faults }
    }

    /// Requests received, faults included.
    public var requestCount: Int { state.withLockedValue { $0.requests } }

    public func stop() async throws {
        try await channel.close()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let api: any FakeHelpdeskAPI
        private let state: NIOLockedValueBox<State>
        private var request = FakeHelpdeskRequest(method: "", path: "", headers: [:], body: [])

        init(api: any FakeHelpdeskAPI, state: NIOLockedValueBox<State>) {
            self.api = api
            self.state = state
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
                request = FakeHelpdeskRequest(method: head.method.rawValue, path: head.uri, headers: headers, body: [])
            case .body(var buffer):
                request.body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                let (fault, latency) = state.withLockedValue { state in
                    state.requests += 1
                    return (state.faults.isEmpty ? nil : state.faults.removeFirst(), state.latency)
                }
                let answer = fault ?? api.answer(request)
                let loop = context.eventLoop.assumeIsolated()
                loop.scheduleTask(in: .nanoseconds(latency.components.seconds * 1_000_000_000 + latency.components.attoseconds / 1_000_000_000)) {
                    self.write(answer, context: context)
                }
            }
        }

        private func write(_ answer: FakeHelpdeskAnswer, context: ChannelHandlerContext) {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: "\(answer.body.utf8.count)")
            if let retryAfter = answer.retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
            let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
