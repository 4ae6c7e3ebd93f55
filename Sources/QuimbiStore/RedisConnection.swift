import CHiredis
import Foundation

/// Where a Redis server listens, parsed from `redis://host:port/db`, `unix:///path` or `redis+unix:///path?db=N`.
public struct RedisEndpoint: Sendable, Hashable {
    enum Address: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    var address: Address
    var database: Int
    /// ACL user name, when the URL names one (`redis://user:password@host`).
    var user: String?
    /// Password sent with AUTH after connecting: `redis://[user]:password@host` or `?password=` for sockets.
    var password: String?

    /// Parses a Redis URL; throws `redis_bad_url` for anything else.
    public init(url: String) throws(StoreError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw StoreError(code: "redis_bad_url", message: "not a Redis URL: \(url)", isTransient: false)
        }
        let dbItem = components.queryItems?.first { $0.name == "db" }?.value
        password = components.password ?? components.queryItems?.first { $0.name == "password" }?.value
        user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        switch scheme {
        case "redis":
            address = .tcp(host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
                           port: components.port ?? 6379)
            let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            database = Int(path.isEmpty ? (dbItem ?? "0") : path) ?? -1
        case "unix", "redis+unix":
            guard !components.path.isEmpty else {
                throw StoreError(code: "redis_bad_url", message: "no socket path in \(url)", isTransient: false)
            }
            address = .unix(path: components.path)
            database = Int(dbItem ?? "0") ?? -1
        default:
            throw StoreError(code: "redis_bad_url", message: "unsupported scheme \(scheme) in \(url)", isTransient: false)
        }
        guard database >= 0 else {
            throw StoreError(code: "redis_bad_url", message: "bad database number in \(url)", isTransient: false)
        }
    }
}

/// A Redis reply reduced to what Quimbi uses.
enum RedisReply: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case null
    case array([RedisReply])
    case error(String)

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// One hiredis connection with connect and command timeouts. Not thread-safe: used from one serial queue.
final class RedisConnection {
    private let endpoint: RedisEndpoint
    private let timeout: timeval
    private var context: UnsafeMutablePointer<redisContext>?

    init(endpoint: RedisEndpoint, timeout: Duration) {
        self.endpoint = endpoint
        let (seconds, attoseconds) = timeout.components
        self.timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Sends all commands in one pipeline and reads their replies in order.
    func pipeline(_ commands: [[String]]) throws(StoreError) -> [RedisReply] {
        try ensureConnected()
        guard let context else { throw .redisUnavailable("no connection") }
        for command in commands {
            let status = Self.withArgv(command) { argv, lengths in
                redisAppendCommandArgv(context, Int32(command.count), argv, lengths)
            }
            if status != REDIS_OK { throw dropConnection() }
        }
        var replies: [RedisReply] = []
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw dropConnection() }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            replies.append(Self.convert(reply))
            freeReplyObject(raw)
        }
        return replies
    }

    private func ensureConnected() throws(StoreError) {
        if let context, context.pointee.err == 0 { return }
        if let context { redisFree(context) }
        context = nil
        let fresh: UnsafeMutablePointer<redisContext>?
        switch endpoint.address {
        case .tcp(let host, let port): fresh = redisConnectWithTimeout(host, Int32(port), timeout)
        case .unix(let path): fresh = redisConnectUnixWithTimeout(path, timeout)
        }
        guard let fresh else { throw .redisUnavailable("hiredis could not allocate a context") }
        guard fresh.pointee.err == 0 else {
            let detail = Self.errorText(fresh)
            redisFree(fresh)
            throw .redisUnavailable(detail)
        }
        redisSetTimeout(fresh, timeout)
        context = fresh
        if let password = endpoint.password {
            let reply = try pipeline([["AUTH"] + (endpoint.user.map { [$0] } ?? []) + [password]])
            if case .error(let detail) = reply.first {
                _ = dropConnection()
                throw StoreError(code: "redis_auth_failed", message: detail, isTransient: false)
            }
        }
        if endpoint.database != 0 {
            let reply = try pipeline([["SELECT", String(endpoint.database)]])
            if case .error(let detail) = reply.first {
                // Kept, the connection would serve database 0 from the next call on.
                _ = dropConnection()
                throw StoreError(code: "redis_select_failed", message: detail, isTransient: false)
            }
        }
    }

    private func dropConnection() -> StoreError {
        let detail = context.map(Self.errorText) ?? "connection lost"
        if let context { redisFree(context) }
        context = nil
        return .redisUnavailable(detail)
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING, REDIS_REPLY_STATUS:
            return .string(String(decoding: UnsafeRawBufferPointer(start: value.str, count: value.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: UnsafeRawBufferPointer(start: value.str, count: value.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int(value.integer))
        case REDIS_REPLY_ARRAY:
            return .array((0..<value.elements).compactMap { value.element[$0].map(convert) })
        default:
            return .null
        }
    }

    private static func withArgv<R>(
        _ arguments: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        let copies: [(pointer: UnsafeMutablePointer<CChar>, length: Int)] = arguments.map { argument in
            let bytes = Array(argument.utf8CString)
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            copy.initialize(from: bytes, count: bytes.count)
            return (pointer: copy, length: argument.utf8.count)
        }
        defer { copies.forEach { $0.pointer.deallocate() } }
        var argv: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0.pointer) }
        let lengths = copies.map { $0.length }
        return argv.withUnsafeMutableBufferPointer { argvBuffer in
            lengths.withUnsafeBufferPointer { body(argvBuffer.baseAddress!, $0.baseAddress!) }
        }
    }
}
