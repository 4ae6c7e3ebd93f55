import Testing

/// Deploy/kubernetes: workloads that scale within the partitions, drain before being killed, are probed
/// and sized, and whose selectors, ports and references agree.
@Suite struct KubernetesTests {
    let manifests: KubernetesManifests

    init() throws {
        manifests = try KubernetesManifests()
    }

    @Test func everyDocumentIsAnIdentifiedObject() throws {
        #expect(!manifests.documents.isEmpty)
        for document in manifests.documents where document.kind != "Kustomization" {
            #expect(document.content.string("apiVersion")?.isEmpty == false, "\(document.file): no apiVersion")
            #expect(!document.name.isEmpty, "\(document.file): a \(document.kind) without metadata.name")
        }
        for kind in ["Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget", "ScaledObject"] {
            #expect(!manifests.all(kind).isEmpty, "no \(kind)")
        }
    }

    @Test func kustomizationAppliesEverythingButTheTemplateAndTheOptionalAutoscaler() throws {
        let kustomization = try RepositoryFiles.yamlMapping("\(RepositoryFiles.kubernetes)/kustomization.yaml")
        let resources = Set((kustomization.sequence("resources") ?? []).map(scalarText))
        let files = Set(try RepositoryFiles.kubernetesManifests().map { String($0.split(separator: "/").last ?? "") })
        #expect(resources.isSubset(of: files), "kustomization lists missing files: \(resources.subtracting(files))")
        #expect(files.subtracting(resources) == ["kustomization.yaml", "secret.template.yaml", "keda-scaledobject.yaml"])
        #expect(try RepositoryFiles.text("\(RepositoryFiles.kubernetes)/keda-scaledobject.yaml").contains("OPTIONAL"))
    }

    @Test func workersStayWithinThePartitionsAndDrainBeforeBeingKilled() async throws {
        let worker = try #require(manifests.one("Deployment", named: "quimbi-worker"))
        let partitions = try await Self.ticketPartitions()
        let replicas = try #require(worker.content.mapping("spec")?["replicas"] as? Int)
        #expect(replicas >= 2 && replicas <= partitions, "\(replicas) workers for \(partitions) partitions")
        let settings = try #require(manifests.one("ConfigMap", named: "quimbi-worker")?.content.mapping("data"))
        let shutdownBound = try await WorkerDefaults.shutdownTimeoutSeconds(environment: settings.mapValues(scalarText))
        let grace = try #require(worker.content.mapping("spec")?.mapping("template")?.mapping("spec")?["terminationGracePeriodSeconds"] as? Int)
        #expect(grace > shutdownBound, "terminationGracePeriodSeconds \(grace) must exceed the shutdown bound \(shutdownBound) s")
    }

    @Test func theAutoscalerScalesTheWorkerGroupOnItsLagWithinThePartitions() async throws {
        let scaledObject = try #require(manifests.one("ScaledObject", named: "quimbi-worker"))
        let spec = try #require(scaledObject.content.mapping("spec"))
        #expect(spec.mapping("scaleTargetRef")?.string("name") == "quimbi-worker")
        let maximum = try #require(spec["maxReplicaCount"] as? Int)
        #expect(maximum <= (try await Self.ticketPartitions()), "KEDA may not scale beyond the partitions")
        let trigger = try #require(spec.sequence("triggers")?.first as? [String: Any])
        #expect(trigger.string("type") == "kafka")
        let metadata = try #require(trigger.mapping("metadata"))
        let common = try #require(manifests.one("ConfigMap", named: "quimbi-common")?.content.mapping("data"))
        let worker = try #require(manifests.one("ConfigMap", named: "quimbi-worker")?.content.mapping("data"))
        #expect(metadata.string("consumerGroup") == worker.string("QUIMBI_GROUP"))
        #expect(metadata.string("topic") == common.string("QUIMBI_TICKETS_TOPIC"))
        #expect(metadata.string("bootstrapServers") == common.string("QUIMBI_BROKERS"))
    }

    @Test func containersAreProbedSizedAndUnprivileged() throws {
        for (workload, container) in manifests.quimbiContainers {
            let name = "\(workload.name)/\(container.string("name") ?? "?")"
            let ports = Set((container.sequence("ports") ?? []).compactMap { ($0 as? [String: Any])?.string("name") })
            for probe in ["readinessProbe", "livenessProbe"] {
                let port = try #require(container.mapping(probe)?.mapping("httpGet")?.string("port"), "\(name) has no HTTP \(probe)")
                #expect(ports.contains(port), "\(name) \(probe) targets unknown port \(port)")
            }
            let requests = container.mapping("resources")?.mapping("requests")
            #expect(requests?["cpu"] != nil && requests?["memory"] != nil, "\(name) needs cpu and memory requests")
            #expect(container.mapping("securityContext")?["allowPrivilegeEscalation"] as? Bool == false)
            let pod = workload.content.mapping("spec")?.mapping("template")?.mapping("spec")
            #expect(pod?.mapping("securityContext")?["runAsNonRoot"] as? Bool == true, "\(name) must not run as root")
        }
    }

    @Test(arguments: ["quimbi-worker", "quimbi-deliver", "quimbi-outcomes"])
    func consumersServeMetricsOnTheConfiguredPort(name: String) throws {
        let deployment = try #require(manifests.one("Deployment", named: name))
        let container = try #require(KubernetesManifests.containers(of: deployment).first)
        let metricsPort = (container.sequence("ports")?.first as? [String: Any])?["containerPort"] as? Int
        let configured = manifests.one("ConfigMap", named: name)?.content.mapping("data")?.string("QUIMBI_METRICS_PORT")
        #expect(metricsPort.map(String.init) == configured, "the container port must be \(name)'s QUIMBI_METRICS_PORT")
    }

    @Test func theDelivererDrainsBeforeBeingKilledAndRecordsDeliveriesInPostgreSQL() throws {
        let deliver = try #require(manifests.one("Deployment", named: "quimbi-deliver"))
        let pod = try #require(deliver.content.mapping("spec")?.mapping("template")?.mapping("spec"))
        // NoteDeliverer's shutdown bound (DeliveryConfiguration.shutdownTimeout) is 20 s; quimbi deliver has no flag for it.
        #expect(try #require(pod["terminationGracePeriodSeconds"] as? Int) > 20)
        let container = try #require(KubernetesManifests.containers(of: deliver).first)
        #expect(container.sequence("args")?.map(scalarText) == ["deliver"])
        #expect(manifests.environment(of: container).isSuperset(of: ["QUIMBI_POSTGRES", "QUIMBI_BROKERS", "QUIMBI_METRICS_PORT"]))
        let kustomization = try RepositoryFiles.yamlMapping("\(RepositoryFiles.kubernetes)/kustomization.yaml")
        #expect((kustomization.sequence("resources") ?? []).map(scalarText).contains("deliver.yaml"))
    }

    @Test func selectorsMatchThePodsTheyMean() throws {
        for budget in manifests.all("PodDisruptionBudget") {
            let selector = try #require(budget.content.mapping("spec")?.mapping("selector")?.mapping("matchLabels"))
            #expect(Self.podsMatching(selector, in: manifests) == 1, "PodDisruptionBudget \(budget.name) selects no single Deployment")
        }
        for service in manifests.all("Service") {
            let spec = try #require(service.content.mapping("spec"))
            let selector = try #require(spec.mapping("selector"))
            #expect(Self.podsMatching(selector, in: manifests) == 1, "Service \(service.name) selects no single Deployment")
        }
        for deployment in manifests.all("Deployment") {
            let spec = try #require(deployment.content.mapping("spec"))
            let selector = try #require(spec.mapping("selector")?.mapping("matchLabels"))
            let labels = spec.mapping("template")?.mapping("metadata")?.mapping("labels") ?? [:]
            #expect(selector.allSatisfy { labels.string($0.key) == scalarText($0.value) }, "Deployment \(deployment.name) does not select its own pods")
        }
    }

    /// How many Deployments' pod templates carry every label of `selector`.
    static func podsMatching(_ selector: [String: Any], in manifests: KubernetesManifests) -> Int {
        manifests.all("Deployment").filter { deployment in
            let labels = deployment.content.mapping("spec")?.mapping("template")?.mapping("metadata")?.mapping("labels") ?? [:]
            return !selector.isEmpty && selector.allSatisfy { labels.string($0.key) == scalarText($0.value) }
        }.count
    }

    /// The partitions of the tickets topic, as created by docker-compose.yml's topics job (the documented layout).
    static func ticketPartitions() async throws -> Int {
        let compose = try ComposeFile()
        let script = ComposeFile.command(of: try #require(compose.services["topics"])).joined(separator: "\n")
        let topics = try await WorkerDefaults.topics()
        return try #require(TopicScript.partitions(in: script)[topics[0]])
    }
}
