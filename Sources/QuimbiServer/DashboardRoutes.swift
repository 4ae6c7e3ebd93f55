import Foundation
import HTTPTypes
import Hummingbird

/// The managers' dashboard at `/dashboard`: a login form that takes an API key and sets a signed,
/// HttpOnly, SameSite=Strict session cookie; the dashboard itself; a CSRF-safe logout. A request
/// without a valid session gets a 401 page that says nothing about data or keys.
struct DashboardRoutes: Sendable {
    let reports: ReportRoutes
    let keys: APIKeyStore
    let settings: DashboardSettings
    /// Login attempts share one bucket: an API key cannot be guessed faster than it allows, from anywhere.
    let limiter: RateLimiter

    init(reports: ReportRoutes, keys: APIKeyStore, settings: DashboardSettings) {
        self.reports = reports
        self.keys = keys
        self.settings = settings
        limiter = RateLimiter(perSecond: settings.loginAttemptsPerSecond, burst: settings.loginAttemptBurst)
    }

    /// The dashboard's paths and methods, for the 405 table.
    static let routes = [RouteMethods("/dashboard", .get), RouteMethods("/dashboard/login", .get, .post), RouteMethods("/dashboard/logout", .post)]
    /// Largest login or logout form accepted.
    static let maxFormBytes = 4_096

    func add(to router: Router<some RequestContext>) {
        router.get("/dashboard") { request, _ in await dashboard(request) }
        router.get("/dashboard/login") { _, _ in DashboardForms.login(message: nil, status: .ok).response() }
        router.post("/dashboard/login") { request, _ in await login(request) }
        router.post("/dashboard/logout") { request, _ in await logout(request) }
    }

    private func session(_ request: Request) -> DashboardSession? {
        request.cookies[DashboardSession.cookieName]
            .flatMap { DashboardSession(cookie: $0.value, settings: settings) }
            .flatMap { keys.hasKey(withFingerprint: $0.keyFingerprint) ? $0 : nil }
    }

    private func dashboard(_ request: Request) async -> Response {
        guard let session = session(request) else { return DashboardForms.unauthorized().response() }
        do {
            let retention = try ReportRoutes.configured(reports.reports), churn = try ReportRoutes.configured(reports.churnReports)
            async let retentionReport = ReportRoutes.read { try await retention.retentionReport(windowDays: 30, minimumPerArm: 30) }
            async let churnReport = ReportRoutes.read {
                try await churn.churnReport(archetypeLimit: ReportRoutes.defaultArchetypeLimit, escalationDays: ReportRoutes.defaultEscalationDays)
            }
            let page = DashboardPage(churn: try await churnReport, retention: try await retentionReport, csrfToken: session.csrfToken)
            return HTMLPage(title: "Quimbi dashboard", body: page.html()).response()
        } catch let error as APIError {
            return DashboardForms.failure(error).response()
        } catch {
            return DashboardForms.failure(APIError(code: "reports_unavailable", message: "the store did not answer", status: .serviceUnavailable)).response()
        }
    }

    private func login(_ request: Request) async -> Response {
        if let retryAfter = limiter.acquire(key: 0) {
            var response = DashboardForms.login(message: "Too many sign-in attempts; try again shortly.", status: .tooManyRequests).response()
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        guard sameOrigin(request), let form = await DashboardForms.fields(request), let key = form["api_key"], let index = keys.match(key) else {
            return DashboardForms.login(message: "Sign-in failed.", status: .unauthorized).response()
        }
        let session = DashboardSession.start(settings, keyFingerprint: keys.fingerprint(ofKeyAt: index))
        var response = Response(status: .seeOther, headers: [.location: "/dashboard", .cacheControl: "no-store"])
        response.setCookie(cookie(session.cookieValue(settings), maxAge: Int(settings.sessionLifetime.components.seconds)))
        return response
    }

    private func logout(_ request: Request) async -> Response {
        if let session = session(request) {
            let form = await DashboardForms.fields(request)
            guard sameOrigin(request), session.acceptsCSRFToken(form?["csrf_token"]) else { return DashboardForms.forbidden().response() }
        }
        var response = Response(status: .seeOther, headers: [.location: "/dashboard/login", .cacheControl: "no-store"])
        response.setCookie(cookie("", maxAge: 0))
        return response
    }

    /// The session cookie: HttpOnly, SameSite=Strict, only for `/dashboard`, Secure when configured.
    private func cookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: DashboardSession.cookieName, value: value, maxAge: maxAge, path: "/dashboard", secure: settings.secureCookie, httpOnly: true, sameSite: .strict)
    }

    /// False when the request names an `Origin` other than the host it was sent to (a cross-site form post).
    private func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = URL(string: origin)?.host, let authority = request.head.authority else { return false }
        let port = URL(string: origin)?.port.map { ":\($0)" } ?? ""
        return "\(host)\(port)".lowercased() == authority.lowercased()
    }
}
