/// Every document of every `Deploy/kubernetes/*.yaml`, parsed.
struct KubernetesManifests {
    struct Document {
        let file: String
        let content: [String: Any]

        var kind: String { content.string("kind") ?? "" }
        var name: String { content.mapping("metadata")?.string("name") ?? "" }
    }

    let documents: [Document]

    init() throws {
        var documents: [Document] = []
        for file in try RepositoryFiles.kubernetesManifests() {
            documents += try RepositoryFiles.yamlDocuments(file).map { Document(file: file, content: $0) }
        }
        self.documents = documents
    }

    func all(_ kind: String) -> [Document] {
        documents.filter { $0.kind == kind }
    }

    func one(_ kind: String, named name: String) -> Document? {
        documents.first { $0.kind == kind && $0.name == name }
    }

    /// The keys a ConfigMap (`data`) or Secret (`stringData`/`data`) provides.
    func keys(of kind: String, named name: String) -> Set<String> {
        guard let document = one(kind, named: name) else { return [] }
        let data = (document.content.mapping("data") ?? [:]).merging(document.content.mapping("stringData") ?? [:]) { first, _ in first }
        return Set(data.keys)
    }

    /// The containers of a workload's pod template.
    static func containers(of workload: Document) -> [[String: Any]] {
        let podSpec = workload.content.mapping("spec")?.mapping("template")?.mapping("spec")
        return (podSpec?.sequence("containers") ?? []).compactMap { $0 as? [String: Any] }
    }

    /// Every environment variable a container gets: `env` entries and whole ConfigMaps/Secrets from `envFrom`.
    func environment(of container: [String: Any]) -> Set<String> {
        var names = Set((container.sequence("env") ?? []).compactMap { ($0 as? [String: Any])?.string("name") })
        for source in (container.sequence("envFrom") ?? []).compactMap({ $0 as? [String: Any] }) {
            if let configMap = source.mapping("configMapRef")?.string("name") { names.formUnion(keys(of: "ConfigMap", named: configMap)) }
            if let secret = source.mapping("secretRef")?.string("name") { names.formUnion(keys(of: "Secret", named: secret)) }
        }
        return names
    }

    /// The containers that run the quimbi image.
    var quimbiContainers: [(workload: Document, container: [String: Any])] {
        all("Deployment").flatMap { workload in
            Self.containers(of: workload).filter { ($0.string("image") ?? "").contains("quimbi:") }.map { (workload, $0) }
        }
    }

    var invocations: [QuimbiInvocation] {
        quimbiContainers.map { workload, container in
            QuimbiInvocation(
                location: "\(workload.file) Deployment \(workload.name) container \(container.string("name") ?? "?")",
                arguments: (container.sequence("args") ?? []).map(scalarText),
                environment: environment(of: container))
        }
    }
}
