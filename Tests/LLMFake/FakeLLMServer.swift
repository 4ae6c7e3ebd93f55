import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A local OpenAI-compatible chat-completions server for tests: answers each request with the
/// next scripted reply (the last one repeats) and records the request bodies.
public final class FakeLLMServer: Sendable {
    public enum Reply: Sendable {
        /// A well-formed chat completion whose message content is `content`.
        case completion(String)
        /// A status code with a body (and optionally `Retry-After`).
        case status(Int, body: String = "{}", retryAfter: String? = nil)
        /// HTTP 200 with this raw body.
        case raw(String)
        /// `reply`, after `delay`.
        indirect case delayed(Duration, Reply)
    }

    private let channel: any Channel
    private let state: NIOLockedValueBox<(replies: [Reply], bodies: [String])>

    private init(channel: any Channel, state: NIOLockedValueBox<(replies: [Reply], bodies: [String])>) {
        self.channel = channel
        self.state = state
    }

    /// Starts a server on a free loopback port.
    public static func start(_ replies: [Reply]) async throws -> FakeLLMServer {
        let state = NIOLockedValueBox((replies: replies, bodies: [String]()))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeLLMServer(channel: channel, state: state)
    }

    /// The API base URL (`http://127.0.0.1:PORT/v1`).
    public var url: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)/v1" }

    /// The JSON bodies received, in order.
    public var requestBodies: [String] { state.withLockedValue { $0.bodies } }

    public func stop() async throws {
        try await channel.close()
    }

    /// A chat-completion body with `content` as the assistant's message.
    public static func completionBody(_ content: String) -> String {
        let object: [String: Any] = [
            "id": "chatcmpl-test", "object": "chat.completion", "model": "fake-model",
            "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// `{"text": text, "tone": tone}` as the structured answer.
    public static func structured(_ text: String, tone: String = "empathetic") -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["text": text, "tone": tone]), as: UTF8.self)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let state: NIOLockedValueBox<(replies: [Reply], bodies: [String])>
        private var body = ""

        init(state: NIOLockedValueBox<(replies: [Reply], bodies: [String])>) {
            self.state = state
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: body = ""
            case .body(let buffer): body += String(buffer: buffer)
            case .end:
                let reply = state.withLockedValue { state -> Reply in
                    state.bodies.append(body)
                    return state.replies.count > 1 ? state.replies.removeFirst() : state.replies[0]
                }
                respond(reply, context: context)
            }
        }

        private func respond(_ reply: Reply, context: ChannelHandlerContext) {
            switch reply {
            case .completion(let content): write(200, FakeLLMServer.completionBody(content), retryAfter: nil, context: context)
            case .status(let code, let body, let retryAfter): write(code, body, retryAfter: retryAfter, context: context)
            case .raw(let body): write(200, body, retryAfter: nil, context: context)
            case .delayed(let delay, let reply):
                let loop = context.eventLoop.assumeIsolated()
                loop.scheduleTask(in: .nanoseconds(Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)) {
                    self.respond(reply, context: context)
                }
            }
        }

        private func write(_ status: Int, _ body: String, retryAfter: String?, context: ChannelHandlerContext) {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: "\(body.utf8.count)")
            if let retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
            let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
