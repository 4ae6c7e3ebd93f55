import Foundation
import NIOCore
import NIOPosix
import QuimbiCore

/// One dependency `/readyz` checks.
public protocol ReadinessCheck: Sendable {
    /// Name shown in the `/readyz` body.
    var name: String { get }
    /// Whether the dependency answers now.
    func isReady() async -> Bool
}

/// Kafka is reachable when a TCP connection to any bootstrap server opens within the timeout.
public struct BrokerReachability: ReadinessCheck {
    public let name = "kafka"
    private let endpoints: [(host: String, port: Int)]
    private let timeout: TimeAmount

    /// A probe of the `host:port[,host:port…]` bootstrap list.
    public init(bootstrapServers: String, timeout: Duration = .seconds(1)) {
        endpoints = bootstrapServers.split(separator: ",").compactMap { entry in
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard let colon = trimmed.lastIndex(of: ":"), let port = Int(trimmed[trimmed.index(after: colon)...]) else { return nil }
            return (String(trimmed[..<colon]), port)
        }
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    }

    public func isReady() async -> Bool {
        for endpoint in endpoints {
            let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connectTimeout(timeout)
            if let channel = try? await bootstrap.connect(host: endpoint.host, port: endpoint.port).get() {
                try? await channel.close()
                return true
            }
        }
        return false
    }
}

/// The profile source is ready when a lookup answers without an error (found or not).
public struct ProfileSourceReadiness: ReadinessCheck {
    public let name = "profiles"
    private let profiles: any ProfileSource

    /// A probe of `profiles`.
    public init(profiles: any ProfileSource) {
        self.profiles = profiles
    }

    public func isReady() async -> Bool {
        do {
            _ = try await profiles.profile(for: CustomerReference(customerID: "readiness-probe", email: nil))
            return true
        } catch {
            return false
        }
    }
}

/// A readiness check made of a probe: ready when the probe returns without throwing in time.
/// Used for PostgreSQL (`SELECT 1`) and Redis (a round trip through the pool).
public struct ReadinessProbe: ReadinessCheck {
    public let name: String
    private let probe: @Sendable () async throws -> Void

    /// A check named `name` that runs `probe`.
    public init(name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }

    public func isReady() async -> Bool {
        do {
            try await probe()
            return true
        } catch {
            return false
        }
    }
}
