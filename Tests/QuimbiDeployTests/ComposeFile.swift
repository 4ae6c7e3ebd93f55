/// docker-compose.yml, parsed.
struct ComposeFile {
    let services: [String: [String: Any]]

    init() throws {
        let root = try RepositoryFiles.yamlMapping(RepositoryFiles.compose)
        guard let services = root.mapping("services") as? [String: [String: Any]] else {
            throw DeployFileError("docker-compose.yml has no services mapping")
        }
        self.services = services
    }

    /// Whether a service runs the image built from Deploy/Dockerfile.
    func runsQuimbi(_ service: [String: Any]) -> Bool {
        service.mapping("build")?.string("dockerfile") == RepositoryFiles.dockerfile
    }

    /// The services that run quimbi, by name.
    var quimbiServices: [(name: String, service: [String: Any])] {
        services.filter { runsQuimbi($0.value) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A service's `command` as an argument list (compose accepts a list or one string).
    static func command(of service: [String: Any]) -> [String] {
        if let list = service.sequence("command") { return list.map(scalarText) }
        return service.string("command").map { $0.split(separator: " ").map(String.init) } ?? []
    }

    /// A service's `environment` (compose accepts a mapping or a list of `NAME=value`).
    static func environment(of service: [String: Any]) -> [String: String] {
        if let mapping = service.mapping("environment") { return mapping.mapValues(scalarText) }
        var result: [String: String] = [:]
        for entry in service.sequence("environment")?.map(scalarText) ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    var invocations: [QuimbiInvocation] {
        quimbiServices.map { name, service in
            QuimbiInvocation(
                location: "docker-compose.yml service \(name)", arguments: Self.command(of: service),
                environment: Set(Self.environment(of: service).keys))
        }
    }
}
