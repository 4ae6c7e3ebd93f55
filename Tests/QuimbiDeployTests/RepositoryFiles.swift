import Foundation
import Yams

/// The repository's deployment files, read from the package directory at test time.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let compose = "docker-compose.yml"
    static let dockerfile = "Deploy/Dockerfile"
    static let envExample = "Deploy/env.example"
    static let healthcheck = "Deploy/healthcheck.sh"
    static let alerts = "Deploy/prometheus/alerts.yml"
    static let kubernetes = "Deploy/kubernetes"
    static let readme = "README.md"

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// Every `*.yaml` file of `Deploy/kubernetes`, sorted by name.
    static func kubernetesManifests() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(kubernetes).path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(kubernetes)/\($0)" }
    }

    /// The one YAML document of a file, as a mapping.
    static func yamlMapping(_ relativePath: String) throws -> [String: Any] {
        guard let mapping = try Yams.load(yaml: text(relativePath)) as? [String: Any] else {
            throw DeployFileError("\(relativePath) is not a YAML mapping")
        }
        return mapping
    }

    /// Every YAML document of a file (Kubernetes files hold several, separated by `---`).
    static func yamlDocuments(_ relativePath: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: text(relativePath)).map { document in
            guard let mapping = document as? [String: Any] else {
                throw DeployFileError("a document of \(relativePath) is not a YAML mapping")
            }
            return mapping
        }
    }
}

/// A deployment file that does not have the expected shape.
struct DeployFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Typed access to values of parsed YAML.
extension Dictionary where Key == String, Value == Any {
    func mapping(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func sequence(_ key: String) -> [Any]? { self[key] as? [Any] }
    func string(_ key: String) -> String? { self[key].map(scalarText) }
}

/// A YAML scalar as the text a container would see (`1` → "1", `true` → "true").
func scalarText(_ value: Any) -> String {
    switch value {
    case let text as String: text
    case let integer as Int: String(integer)
    case let flag as Bool: String(flag)
    case let number as Double: String(number)
    default: String(describing: value)
    }
}
