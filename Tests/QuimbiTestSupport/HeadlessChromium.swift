import Foundation

/// Debian's `chromium`, headless, loading one page as a browser shows it (through `Tests/Tools/browse_page.py`,
/// which drives it over the DevTools protocol): the HTTP status, the rendered DOM and screenshots.
public enum HeadlessChromium {
    /// Where Debian installs it (`Deploy/local/install-deps.sh` does, for `make test`).
    public static let executable = "/usr/bin/chromium"

    /// Whether browser tests can run here: always under `CI=true`, so that a missing browser fails them.
    public static var available: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || FileManager.default.isExecutableFile(atPath: executable)
    }

    /// A page as loaded.
    public struct Page: Decodable, Sendable {
        /// The main document's HTTP status.
        public var status: Int?
        /// The DOM after loading, serialised.
        public var dom: String
        public var screenshots: [Screenshot]
    }

    /// A PNG of the whole page at one window width.
    public struct Screenshot: Decodable, Sendable {
        /// Where the PNG was written.
        public var path: String
        /// The window's width, in CSS pixels.
        public var width: Int
        /// The PNG's height: the page's whole height at that width.
        public var height: Int
        /// The page's own width at that window width (wider than `width` when the page overflows sideways).
        public var contentWidth: Double

        enum CodingKeys: String, CodingKey {
            case path, width, height
            case contentWidth = "content_width"
        }
    }

    /// A screenshot to take: the window's size and the PNG's path.
    public struct Shot: Sendable {
        /// The window's width, in CSS pixels.
        public var width: Int
        /// The window's height before the page is measured.
        public var height: Int
        /// Where the PNG goes.
        public var path: String

        /// A screenshot at `width` × `height` written to `path`.
        public init(width: Int, height: Int, path: String) {
            self.width = width
            self.height = height
            self.path = path
        }
    }

    /// Loads `url` with `cookies` (`name=value`, HttpOnly, SameSite=Strict, on the URL's path) and takes `shots`.
    public static func load(_ url: String, cookies: [String] = [], shots: [Shot] = []) async throws -> Page {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tools/browse_page.py").path
        let arguments = ["/usr/bin/python3", script, "--chromium", executable, "--url", url]
            + cookies.flatMap { ["--cookie", $0] } + shots.flatMap { ["--screenshot", "\($0.width)x\($0.height):\($0.path)"] }
        let output = try await ProcessRunner.offCooperativePool { try ProcessRunner.output(of: arguments) }
        return try JSONDecoder().decode(Page.self, from: Data(output.utf8))
    }
}
