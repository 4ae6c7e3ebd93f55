import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A local HTTP server that answers like Shopify's GraphQL Admin API, for tests and benchmarks.
public final class FakeShopifyServer: Sendable {
    struct State {
        var faults: [FakeShopifyFault] = []
        var requests: [FakeShopifyRequest] = []
        var latencyMilliseconds: Int64
        var bucket: FakeCostBucket?
        var throttledCount = 0
        var outageStatus: Int?
    }

    private let responder: FakeShopifyResponder
    private let state: NIOLockedValueBox<State>
    private let channel: NIOLockedValueBox<(any Channel)?> = NIOLockedValueBox(nil)

    /// The base URL to configure the client with, e.g. `http://127.0.0.1:54321`.
    public let baseURL: String

    /// Starts a server on a free loopback port.
    /// - Parameters:
    ///   - customers: the shop's customers.
    ///   - accessToken: the only token accepted; others get 401.
    ///   - latencyMilliseconds: delay added to every answer.
    ///   - maximumAvailable, restoreRate: the cost bucket reported in `extensions.cost.throttleStatus`.
    ///   - enforcesCostLimit: answer `THROTTLED`, as Shopify does, when a query's requested cost
    ///     exceeds what the bucket holds; otherwise the bucket is only reported, always nearly full.
    ///   - ordersForUnknownCustomers: answer a numeric customer id not among `customers` as a
    ///     generated customer with this many orders (`nil`: unknown customers are not found).
    ///   - port: the loopback port (0: any free one).
    public static func start(
        customers: [FakeShopifyCustomer], accessToken: String = "shpat_test", apiVersion: String = "2025-07",
        latencyMilliseconds: Int64 = 0, maximumAvailable: Double = 2000, restoreRate: Double = 100,
        enforcesCostLimit: Bool = false, ordersForUnknownCustomers: Int? = nil, port: Int = 0
    ) async throws -> FakeShopifyServer {
        let responder = FakeShopifyResponder(
            customers: customers, ordersForUnknownCustomers: ordersForUnknownCustomers, accessToken: accessToken, apiVersion: apiVersion,
            maximumAvailable: maximumAvailable, restoreRate: restoreRate)
        let bucket = enforcesCostLimit ? FakeCostBucket(capacity: maximumAvailable, restoreRate: restoreRate) : nil
        let state = NIOLockedValueBox(State(latencyMilliseconds: latencyMilliseconds, bucket: bucket))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FakeShopifyHandler(responder: responder, state: state))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let port = channel.localAddress?.port ?? 0
        let server = FakeShopifyServer(responder: responder, state: state, baseURL: "http://127.0.0.1:\(port)")
        server.channel.withLockedValue { $0 = channel }
        return server
    }

    private init(responder: FakeShopifyResponder, state: NIOLockedValueBox<State>, baseURL: String) {
        self.responder = responder
        self.state = state
        self.baseURL = baseURL
    }

    /// Queues faults for the next requests, one per request, in order.
    public func enqueue(_ faults: FakeShopifyFault...) {
        state.withLockedValue { $0.faults += faults }
    }

    /// Answers every request with HTTP `status` (a 5xx outage) until called with `nil`.
    public func setOutage(status: Int?) {
        state.withLockedValue { $0.outageStatus = status }
    }

    /// Every request received so far.
    public var requests: [FakeShopifyRequest] { state.withLockedValue { $0.requests } }

    /// How many requests were received so far.
    public var requestCount: Int { state.withLockedValue { $0.requests.count } }

    /// How many requests were answered `THROTTLED` because the enforced cost bucket was short.
    public var throttledCount: Int { state.withLockedValue { $0.throttledCount } }

    /// Closes the listening socket.
    public func stop() async throws {
        try await channel.withLockedValue { $0 }?.close()
    }

    /// Records `request`, and picks the next scripted fault or, when the enforced bucket cannot pay
    /// `first`'s requested cost, a `THROTTLED` answer. Returns the bucket state to report.
    private static func take(
        _ state: NIOLockedValueBox<State>, request: FakeShopifyRequest, first: Int
    ) -> (fault: FakeShopifyFault?, latency: Int64, available: Double?) {
        state.withLockedValue { state in
            state.requests.append(request)
            if !state.faults.isEmpty { return (state.faults.removeFirst(), state.latencyMilliseconds, nil) }
            if let status = state.outageStatus { return (.status(status), state.latencyMilliseconds, nil) }
            guard var bucket = state.bucket else { return (nil, state.latencyMilliseconds, nil) }
            defer { state.bucket = bucket }
            guard bucket.charge(requested: FakeShopifyResponder.requestedCost(first: first), actual: FakeShopifyResponder.actualCost(first: first)) else {
                state.throttledCount += 1
                return (.throttled(currentlyAvailable: bucket.available, restoreRate: bucket.restoreRate), state.latencyMilliseconds, nil)
            }
            return (nil, state.latencyMilliseconds, bucket.available)
        }
    }

    private final class FakeShopifyHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let responder: FakeShopifyResponder
        private let state: NIOLockedValueBox<State>
        private var head: HTTPRequestHead?
        private var body = ByteBuffer()

        init(responder: FakeShopifyResponder, state: NIOLockedValueBox<State>) {
            self.responder = responder
            self.state = state
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                respond(context: context, head: head)
            }
        }

        private func respond(context: ChannelHandlerContext, head: HTTPRequestHead) {
            if head.uri.hasPrefix(FakeShopifyControl.pathPrefix) {
                let answer = FakeShopifyControl.answer(method: head.method, uri: head.uri, state: state)
                write(answer, keepAlive: head.isKeepAlive, version: head.version, context: context)
                return
            }
            let token = head.headers.first(name: "X-Shopify-Access-Token")
            let bodyData = Data(body.readableBytesView)
            let operation = (try? JSONSerialization.jsonObject(with: bodyData) as? [String: Any])?["operationName"] as? String
            let taken = FakeShopifyServer.take(
                state, request: FakeShopifyRequest(path: head.uri, accessToken: token, operationName: operation),
                first: FakeShopifyResponder.first(in: bodyData))
            let answer = responder.answer(
                path: head.uri, token: token, body: bodyData, fault: taken.fault, latency: taken.latency, available: taken.available)
            let keepAlive = head.isKeepAlive
            let loop = context.eventLoop.assumeIsolated()
            let write = { [self] in self.write(answer, keepAlive: keepAlive, version: head.version, context: context) }
            if answer.delay > 0 {
                loop.scheduleTask(in: .milliseconds(answer.delay), write)
            } else {
                write()
            }
        }

        private func write(_ answer: FakeAnswer, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
            guard context.channel.isActive else { return }
            var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", "\(answer.body.count)")])
            for (name, value) in answer.headers { headers.add(name: name, value: value) }
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: answer.body)))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                let channel = context.channel
                done.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}
