import Foundation
import Testing

/// docker-compose.yml comes up in order: Kafka in KRaft mode, Postgres and Redis healthy first, one-shot
/// jobs completed before the workers and the API start.
@Suite struct ComposeTests {
    @Test func hasTheInfrastructureTheJobsAndTheLongRunningServices() throws {
        let compose = try ComposeFile()
        for name in ["kafka", "postgres", "redis", "topics", "migrate", "generate", "segment", "worker", "api", "outcomes", "deliver"] {
            #expect(compose.services[name] != nil, "no service \(name)")
        }
        #expect(!compose.services.keys.contains { $0.contains("zookeeper") }, "Kafka runs in KRaft mode, without ZooKeeper")
        let kafka = try #require(compose.services["kafka"])
        #expect(kafka.string("image")?.hasPrefix("apache/kafka:") == true, "the official Apache Kafka image")
        let roles = ComposeFile.environment(of: kafka)["KAFKA_PROCESS_ROLES"] ?? ""
        #expect(roles.contains("broker") && roles.contains("controller"), "a single KRaft node is broker and controller")
    }

    @Test func everyDependencyWaitsForHealthOrCompletion() throws {
        let compose = try ComposeFile()
        for (name, service) in compose.services {
            for (dependency, condition) in service.mapping("depends_on") ?? [:] {
                let condition = (condition as? [String: Any])?.string("condition")
                let target = try #require(compose.services[dependency], "\(name) depends on unknown service \(dependency)")
                switch condition {
                case "service_healthy":
                    #expect(target.mapping("healthcheck")?.sequence("test") != nil, "\(name) waits for \(dependency) to be healthy, which has no healthcheck")
                case "service_completed_successfully":
                    #expect(target.string("restart") == "no", "\(name) waits for \(dependency) to complete, which is no one-shot job")
                default:
                    Issue.record("\(name) depends on \(dependency) without a health or completion condition")
                }
            }
        }
        for name in ["kafka", "postgres", "redis", "worker"] {
            #expect(compose.services[name]?.mapping("healthcheck") != nil, "\(name) has no healthcheck")
        }
    }

    @Test func theStoreIsMigratedThenGeneratedThenSegmentedBeforeTheWorkersStart() throws {
        let compose = try ComposeFile()
        #expect(Self.completionChain(from: "worker", in: compose).starts(with: ["segment", "generate", "migrate"]))
        #expect(Self.completionChain(from: "api", in: compose).starts(with: ["segment", "generate", "migrate"]))
        for job in ["migrate", "generate", "segment"] {
            #expect(ComposeFile.command(of: try #require(compose.services[job])).first == job)
        }
    }

    @Test func twoWorkersShareOneConsumerGroupAndDrainBeforeBeingKilled() async throws {
        let compose = try ComposeFile()
        let worker = try #require(compose.services["worker"])
        #expect(ComposeFile.command(of: worker).first == "worker")
        #expect(worker.mapping("deploy")?["replicas"] as? Int == 2)
        let environment = ComposeFile.environment(of: worker)
        #expect(environment["QUIMBI_GROUP"]?.isEmpty == false, "the replicas name their consumer group")
        let shutdownBound = try await WorkerDefaults.shutdownTimeoutSeconds(environment: environment)
        let grace = try #require(worker.string("stop_grace_period").flatMap(Self.seconds), "the worker needs a stop_grace_period")
        #expect(grace > shutdownBound, "stop_grace_period \(grace) s must exceed the shutdown bound \(shutdownBound) s")
    }

    @Test func theTopicsJobCreatesTheWorkersTopicsWithEnoughPartitions() async throws {
        let compose = try ComposeFile()
        let script = ComposeFile.command(of: try #require(compose.services["topics"])).joined(separator: "\n")
        let partitions = TopicScript.partitions(in: script)
        let topics = try await WorkerDefaults.topics()
        #expect(Set(partitions.keys) == Set(topics), "created \(partitions.keys.sorted()), the worker uses \(topics)")
        let workers = try #require(compose.services["worker"]?.mapping("deploy")?["replicas"] as? Int)
        #expect(workers <= partitions[topics[0], default: 0], "more workers than partitions of \(topics[0])")
    }

    @Test func filesNamedBySettingsAreMountedFromTheRepository() throws {
        let compose = try ComposeFile()
        var checked = 0
        for (name, service) in compose.quimbiServices {
            guard let path = ComposeFile.environment(of: service)["QUIMBI_POLICY"] else { continue }
            let mounts = (service.sequence("volumes") ?? []).map(scalarText).map { $0.split(separator: ":").map(String.init) }
            let mount = try #require(mounts.first { $0.count >= 2 && $0[1] == path }, "\(name): nothing is mounted at QUIMBI_POLICY=\(path)")
            #expect(FileManager.default.fileExists(atPath: RepositoryFiles.url(mount[0]).path), "\(name) mounts \(mount[0]), which does not exist")
            checked += 1
        }
        #expect(checked > 0, "the workers should be given the policy file")
    }

    @Test func quimbiServicesRunTheImageBuiltHereWithSecretsFromEnvFile() throws {
        let compose = try ComposeFile()
        #expect(compose.quimbiServices.count == 7)
        for (name, service) in compose.quimbiServices {
            #expect(service.string("env_file") == ".env", "\(name) must read its secrets from .env")
        }
    }

    /// The chain of `service_completed_successfully` dependencies below `service`, nearest first.
    static func completionChain(from service: String, in compose: ComposeFile) -> [String] {
        var chain: [String] = []
        var current = service
        while let next = (compose.services[current]?.mapping("depends_on") ?? [:]).first(where: {
            ($0.value as? [String: Any])?.string("condition") == "service_completed_successfully" && $0.key != "topics"
        })?.key, !chain.contains(next) {
            chain.append(next)
            current = next
        }
        return chain
    }

    /// A compose duration such as `30s`, `1m30s` in seconds.
    static func seconds(_ duration: String) -> Int? {
        let parts = duration.matches(of: /([0-9]+)(h|m|s)/)
        guard !parts.isEmpty, parts.map({ String($0.output.0) }).joined() == duration else { return nil }
        return parts.reduce(0) { total, part in
            let value = Int(part.output.1) ?? 0
            return total + value * (part.output.2 == "h" ? 3600 : part.output.2 == "m" ? 60 : 1)
        }
    }
}
