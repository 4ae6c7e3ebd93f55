import Foundation
import HTTPTypes
import Hummingbird

/// The dashboard's small pages: the login form, the 401, 403 and failure pages, and form decoding.
/// None of them shows data, says whether a key exists, or carries a stack.
enum DashboardForms {
    static func login(message: String?, status: HTTPResponse.Status) -> HTMLPage {
        let note = message.map { "<p class=\"error\" role=\"alert\">\(HTMLPage.escape($0))</p>" } ?? ""
        return HTMLPage(title: "Sign in — Quimbi", body: """
            <form class="login" method="post" action="/dashboard/login"><h1>Quimbi dashboard</h1>\(note)
            <label for="api_key">API key</label>
            <input type="password" id="api_key" name="api_key" autocomplete="current-password" required>
            <button type="submit">Sign in</button></form>
            """, status: status)
    }

    static func unauthorized() -> HTMLPage {
        message(title: "Sign in required", text: "Please <a href=\"/dashboard/login\">sign in</a>.", status: .unauthorized)
    }

    static func forbidden() -> HTMLPage {
        message(title: "Request refused", text: "This form was not sent from your dashboard. <a href=\"/dashboard\">Back to the dashboard</a>.", status: .forbidden)
    }

    /// A failure to build the dashboard, by its stable code; the page names the code and nothing else.
    static func failure(_ error: APIError) -> HTMLPage {
        let text = error.code == "reports_not_configured"
            ? "The dashboard needs PostgreSQL: start <code>quimbi serve</code> with <code>--postgres</code>."
            : "The reports could not be read just now (<code>\(HTMLPage.escape(error.code))</code>). Try again in a moment."
        return message(title: "Dashboard unavailable", text: text, status: error.status)
    }

    private static func message(title: String, text: String, status: HTTPResponse.Status) -> HTMLPage {
        HTMLPage(title: "\(title) — Quimbi", body: "<div class=\"login\"><h1>\(HTMLPage.escape(title))</h1><p>\(text)</p></div>", status: status)
    }

    /// The fields of an `application/x-www-form-urlencoded` body of at most ``DashboardRoutes/maxFormBytes``;
    /// `nil` for a larger or undecodable body. A repeated field keeps its first value.
    static func fields(_ request: Request) async -> [String: String]? {
        guard var buffer = try? await request.body.collect(upTo: DashboardRoutes.maxFormBytes),
              let text = buffer.readString(length: buffer.readableBytes) else { return nil }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = parts[0], let value = parts.count == 2 ? parts[1] : "" else { return nil }
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }
}
