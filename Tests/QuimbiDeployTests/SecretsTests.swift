import Foundation
import Testing

/// No secret value is committed: compose interpolates them from `.env` (never committed), the env example
/// and the Kubernetes Secret hold placeholders only, and no manifest carries a literal secret.
@Suite struct SecretsTests {
    @Test func composeHoldsNoLiteralSecret() throws {
        let compose = try RepositoryFiles.yamlMapping(RepositoryFiles.compose)
        let strings = SecretValues.strings(in: compose)
        #expect(strings.contains { SecretValues.urlPassword(in: $0.value) != nil }, "the Postgres URLs should be found and checked")
        for (key, value) in strings {
            if let problem = SecretValues.committedSecret(key: key, value: value) { Issue.record("docker-compose.yml: \(problem)") }
        }
    }

    @Test func envExampleHoldsOnlyPlaceholders() throws {
        let assignments = EnvFile.assignments(in: try RepositoryFiles.text(RepositoryFiles.envExample))
        #expect(assignments.contains { $0.name == "POSTGRES_PASSWORD" })
        for assignment in assignments {
            #expect(SecretValues.isPlaceholder(assignment.value), "Deploy/env.example: \(assignment.name) must be a <placeholder>")
        }
    }

    @Test func dotEnvIsIgnoredAndNotCommitted() async throws {
        let ignored = try RepositoryFiles.text(".gitignore").split(separator: "\n")
        #expect(ignored.contains(".env"), ".gitignore must list .env")
        let dockerIgnored = try RepositoryFiles.text("Deploy/Dockerfile.dockerignore").split(separator: "\n")
        #expect(dockerIgnored.contains(".env"), "the image must not pick up .env")
        guard FileManager.default.fileExists(atPath: RepositoryFiles.url(".git").path) else { return }
        let tracked = try await QuimbiProgram.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["git", "-C", RepositoryFiles.root.path, "ls-files", "--", ".env", "*/.env"])
        #expect(tracked.status == 0)
        #expect(tracked.output.isEmpty, "committed: \(tracked.output)")
    }

    @Test func theKubernetesSecretIsATemplateOfPlaceholders() throws {
        let manifests = try KubernetesManifests()
        let secrets = manifests.all("Secret")
        try #require(secrets.count == 1)
        let secret = secrets[0]
        #expect(secret.file.hasSuffix(".template.yaml"))
        #expect(secret.content["data"] == nil, "base64 data hides what is committed; use stringData placeholders")
        let values = try #require(secret.content.mapping("stringData"))
        #expect(!values.isEmpty)
        for (key, value) in values {
            #expect(SecretValues.isPlaceholder(scalarText(value)), "\(key) must be a <placeholder>")
        }
        let kustomization = try RepositoryFiles.yamlMapping("\(RepositoryFiles.kubernetes)/kustomization.yaml")
        let resources = (kustomization.sequence("resources") ?? []).map(scalarText)
        #expect(!resources.contains { secret.file.hasSuffix($0) }, "apply -k must never install the placeholders")
    }

    @Test func manifestsTakeSecretsOnlyFromTheSecret() throws {
        let manifests = try KubernetesManifests()
        for document in manifests.documents where document.kind != "Secret" {
            for (key, value) in SecretValues.strings(in: document.content) {
                if let problem = SecretValues.committedSecret(key: key, value: value) { Issue.record("\(document.file): \(problem)") }
            }
        }
        let secretKeys = manifests.keys(of: "Secret", named: "quimbi")
        for (_, container) in manifests.quimbiContainers {
            for entry in (container.sequence("env") ?? []).compactMap({ $0 as? [String: Any] }) {
                let name = try #require(entry.string("name"))
                guard SecretValues.isSecretName(name) || ["QUIMBI_POSTGRES", "QUIMBI_REDIS"].contains(name) else { continue }
                #expect(entry["value"] == nil, "\(name) must come from the Secret, not a literal")
                let reference = entry.mapping("valueFrom")?.mapping("secretKeyRef")
                #expect(reference?.string("name") == "quimbi" && secretKeys.contains(reference?.string("key") ?? ""), "\(name) must reference a key of the quimbi Secret")
            }
        }
    }

    @Test(arguments: [
        ("QUIMBI_WEBHOOK_SECRET", "hunter2", true), ("QUIMBI_WEBHOOK_SECRET", "<secret>", false),
        ("POSTGRES_PASSWORD", "${POSTGRES_PASSWORD:?missing}", false), ("QUIMBI_POSTGRES", "postgres://quimbi:hunter2@db/quimbi", true),
        ("QUIMBI_POSTGRES", "postgres://quimbi:${POSTGRES_PASSWORD}@db/quimbi", false), ("QUIMBI_REDIS", "redis://redis:6379/0", false),
        ("QUIMBI_REDIS", "redis://:hunter2@redis:6379/0", true),
        ("QUIMBI_GROUP", "quimbi-worker", false),
    ])
    func committedSecretsAreRecognised(key: String, value: String, isSecret: Bool) {
        #expect((SecretValues.committedSecret(key: key, value: value) != nil) == isSecret)
    }
}
