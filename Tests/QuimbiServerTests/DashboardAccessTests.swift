import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// Who may see `/dashboard`: a login with an API key sets a signed, HttpOnly, SameSite=Strict session
/// cookie; anything else — no cookie, a tampered or expired one, a wrong key — gets a 401 page that
/// shows no data; logout needs the session's CSRF token.
struct DashboardAccessTests {
    /// `Set-Cookie` of a login with `key` (nil when the login did not set one) and the response.
    static func login(_ client: some TestClientProtocol, key: String, origin: String? = nil) async throws -> (cookie: String?, response: TestResponse) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        let body = "api_key=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let response = try await client.execute(uri: "/dashboard/login", method: .post, headers: headers, body: ByteBuffer(string: body))
        return (response.headers[.setCookie], response)
    }

    /// The `name=value` part of a `Set-Cookie` header.
    static func pair(_ setCookie: String) -> String { String(setCookie.split(separator: ";")[0]) }

    static func dashboard(_ client: some TestClientProtocol, cookie: String?) async throws -> TestResponse {
        try await client.execute(uri: "/dashboard", method: .get, headers: cookie.map { [.cookie: $0] } ?? [:])
    }

    /// Text of the fixture's data that must never reach a page before login.
    static let dataMarkers = ["Loyal", "arch_lapsed", "thank them", "urgent", "pts"]

    @Test func aKeyOpensASignedHttpOnlyStrictSession() async throws {
        try await APIFixture().live { client in
            let form = try await client.execute(uri: "/dashboard/login", method: .get)
            #expect(form.status == .ok && form.text.contains("name=\"api_key\"") && form.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(form.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let (setCookie, response) = try await Self.login(client, key: APIFixture.devKey)
            #expect(response.status == .seeOther && response.headers[.location] == "/dashboard")
            let cookie = try #require(setCookie)
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/dashboard", "Max-Age=28800"] {
                #expect(cookie.contains(attribute), "\(attribute) in \(cookie)")
            }
            let page = try await Self.dashboard(client, cookie: Self.pair(cookie))
            #expect(page.status == .ok)
            #expect(page.text.contains("Loyal") && page.text.contains("thank them") && page.text.contains("<svg"))
            #expect(!page.text.contains("<script"), "the page needs no script")
        }
    }

    @Test func withoutAValidSessionThePageSaysNothing() async throws {
        let fixture = APIFixture()
        try await fixture.live { client in
            let cookie = try #require(try await Self.login(client, key: APIFixture.devKey).cookie.map(Self.pair))
            let value = String(cookie.dropFirst("quimbi_session=".count))
            let parts = value.split(separator: ".").map(String.init)
            #expect(parts.count == 4)
            let flipped = parts[3].last == "0" ? "1" : "0"
            let tampered = [
                "\(parts[0]).\(parts[1]).\(parts[2]).\(parts[3].dropLast())\(flipped)",  // signature changed
                "\(Int(parts[0])! + 86_400).\(parts[1]).\(parts[2]).\(parts[3])",       // expiry extended
                "\(parts[0]).\(String(repeating: "0", count: 32)).\(parts[2]).\(parts[3])", // token swapped
                "\(parts[0]).\(parts[1]).\(String(repeating: "0", count: 16)).\(parts[3])", // another key's session
                "\(parts[0]).\(parts[1]).\(parts[3])",                                 // the former three-part format
                "garbage", "",
            ]
            var bodies: Set<String> = []
            for candidate in [nil] + tampered.map({ "quimbi_session=\($0)" }) {
                let response = try await Self.dashboard(client, cookie: candidate)
                #expect(response.status == .unauthorized, "\(candidate ?? "no cookie")")
                #expect(!Self.dataMarkers.contains { response.text.contains($0) }, "\(candidate ?? "no cookie") leaked data")
                bodies.insert(response.text)
            }
            #expect(bodies.count == 1, "every refusal looks the same")
            #expect(try await Self.dashboard(client, cookie: cookie).status == .ok, "the untampered cookie still works")
            fixture.dashboardClock.advance(by: 8 * 3_600 + 1)
            let expired = try await Self.dashboard(client, cookie: cookie)
            #expect(expired.status == .unauthorized && expired.text == bodies.first)
        }
    }

    /// A session lasts no longer than its key: once the key is no longer configured (the server restarted
    /// without it, same dashboard secret), its sessions get the 401 page, while other keys' sessions go on.
    @Test func aSessionEndsWhenItsKeyIsRevoked() async throws {
        var before = APIFixture()
        before.plainKeys = [APIFixture.devKey, "manager-key"]
        let sessions = CollectedCookies()
        try await before.live { client in
            for key in [APIFixture.devKey, "manager-key"] {
                let cookie = try #require(try await Self.login(client, key: key).cookie.map(Self.pair))
                #expect(try await Self.dashboard(client, cookie: cookie).status == .ok)
                sessions.append(cookie)
            }
        }
        var after = APIFixture()
        after.plainKeys = [APIFixture.devKey]
        let cookies = sessions.all
        try await after.live { client in
            #expect(try await Self.dashboard(client, cookie: cookies[0]).status == .ok, "the kept key's session goes on")
            let revoked = try await Self.dashboard(client, cookie: cookies[1])
            #expect(revoked.status == .unauthorized && !Self.dataMarkers.contains { revoked.text.contains($0) })
        }
    }

    @Test func aWrongKeyGetsTheSameGenericAnswerAsAnyOther() async throws {
        try await APIFixture().live { client in
            let wrong = try await Self.login(client, key: "not-a-key")
            let revoked = try await Self.login(client, key: APIFixture.revokedKey)
            #expect(wrong.response.status == .unauthorized && wrong.cookie == nil)
            #expect(wrong.response.text == revoked.response.text && wrong.response.text.contains("Sign-in failed."))
            let empty = try await client.execute(uri: "/dashboard/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(empty.status == .unauthorized && empty.text == wrong.response.text)
            let foreign = try await Self.login(client, key: APIFixture.devKey, origin: "https://evil.example")
            #expect(foreign.response.status == .unauthorized && foreign.cookie == nil, "a login posted from another site is refused")
        }
    }

    @Test func loginAttemptsAreRateLimited() async throws {
        var fixture = APIFixture()
        fixture.loginAttemptBurst = 3
        // One attempt back every 1,000 s: however slow the machine, no token returns during the test.
        fixture.loginAttemptsPerSecond = 0.001
        try await fixture.live { client in
            for _ in 0..<3 { #expect(try await Self.login(client, key: "guess").response.status == .unauthorized) }
            let limited = try await Self.login(client, key: APIFixture.devKey)
            #expect(limited.response.status == .tooManyRequests && limited.cookie == nil && limited.response.headers[.retryAfter] != nil)
        }
    }

    @Test func logoutNeedsTheSessionsCSRFToken() async throws {
        try await APIFixture().live { client in
            let cookie = try #require(try await Self.login(client, key: APIFixture.devKey).cookie.map(Self.pair))
            let page = try await Self.dashboard(client, cookie: cookie).text
            let token = try #require(page.firstMatch(of: /name="csrf_token" value="([0-9a-f]{32})"/)?.output.1)
            func logout(_ body: String, origin: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
                if let origin { headers[.origin] = origin }
                return try await client.execute(uri: "/dashboard/logout", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            #expect(try await logout("").status == .forbidden)
            #expect(try await logout("csrf_token=\(String(repeating: "a", count: 32))").status == .forbidden)
            #expect(try await logout("csrf_token=\(token)", origin: "https://evil.example").status == .forbidden)
            let done = try await logout("csrf_token=\(token)")
            #expect(done.status == .seeOther && done.headers[.location] == "/dashboard/login")
            let cleared = try #require(done.headers[.setCookie])
            #expect(cleared.hasPrefix("quimbi_session=;") && cleared.contains("Max-Age=0"), "\(cleared)")
        }
    }

    @Test func dataIsEscapedAndTheOffersSayHowSureTheyAre() async throws {
        try await APIFixture().live { client in
            let cookie = try #require(try await Self.login(client, key: APIFixture.devKey).cookie.map(Self.pair))
            let page = try await Self.dashboard(client, cookie: cookie).text
            #expect(page.contains("Lapsed &lt;b&gt;big&lt;/b&gt; &amp; &quot;loyal&quot;") && !page.contains("<b>big</b>"))
            #expect(page.contains("win back &lt;now&gt;"))
            // FixedRetentionReports: 40 offered (20 ordered), 20 held out (5 ordered): 20 per arm is under the default 30.
            let offers = try #require(page.split(separator: "id=\"offers\"").last)
            #expect(offers.contains("not enough data yet") && !offers.contains("pts"), "no rate where the report has none")
        }
    }

    @Test func withoutAStoreTheDashboardSaysWhatItNeeds() async throws {
        var fixture = APIFixture()
        fixture.churnReports = nil
        try await fixture.live { client in
            let cookie = try #require(try await Self.login(client, key: APIFixture.devKey).cookie.map(Self.pair))
            let response = try await Self.dashboard(client, cookie: cookie)
            #expect(response.status == .notFound && response.text.contains("--postgres"))
        }
    }
}

/// Session cookies collected inside one server's run, to present to another.
final class CollectedCookies: Sendable {
    private let cookies = Mutex<[String]>([])

    func append(_ cookie: String) {
        cookies.withLock { $0.append(cookie) }
    }

    var all: [String] { cookies.withLock { $0 } }
}
