import Testing

/// Every image the deployment files pull names a version.
@Suite struct ImagePinningTests {
    @Test func composeImagesArePinned() throws {
        let compose = try ComposeFile()
        for (name, service) in compose.services where !compose.runsQuimbi(service) {
            let image = try #require(service.string("image"), "service \(name) has neither image nor build")
            #expect(ImageReference(text: image).isPinned, "service \(name): \(image) is not pinned to a version")
        }
    }

    @Test func kubernetesImagesArePinned() throws {
        let manifests = try KubernetesManifests()
        let containers = manifests.all("Deployment").flatMap { KubernetesManifests.containers(of: $0) }
        #expect(!containers.isEmpty)
        for container in containers {
            let image = try #require(container.string("image"))
            #expect(ImageReference(text: image).isPinned, "\(image) is not pinned to a version")
        }
    }

    @Test func dockerfileBaseImagesArePinned() throws {
        let dockerfile = Dockerfile(text: try RepositoryFiles.text(RepositoryFiles.dockerfile))
        for stage in dockerfile.stages {
            let image = try #require(Dockerfile.baseImage(of: stage))
            #expect(ImageReference(text: image).isPinned, "FROM \(image) is not pinned to a version")
        }
    }

    @Test(arguments: [
        ("postgres:17.6-bookworm", true), ("apache/kafka:3.9.1", true), ("registry.example.com:5000/quimbi:0.1.0", true),
        ("redis@sha256:0123abcd", true), ("postgres", false), ("postgres:latest", false), ("debian:bookworm-slim", false),
        ("registry.example.com:5000/quimbi", false),
    ])
    func pinningIsRecognised(image: String, pinned: Bool) {
        #expect(ImageReference(text: image).isPinned == pinned)
    }
}
