import Foundation
import HTTPTypes
import Hummingbird
import QuimbiCore

/// A self-contained HTML page of the dashboard: inline CSS that reads on a laptop and a phone, no
/// scripts, and headers that keep it out of frames, caches and other sites' reach.
struct HTMLPage: Sendable {
    var title: String
    /// The page's body, already HTML (escape data with ``escape(_:)``).
    var body: String
    var status: HTTPResponse.Status = .ok

    /// The response, `text/html` with a content security policy that allows nothing but the inline style.
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>\(Self.style)</style>
            </head><body>\(body)</body></html>
            """
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// `text` safe inside HTML text and double-quoted attribute values.
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private static let style = """
        body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1d2733;background:#f6f7f9}
        h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:0 0 .6rem}
        header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;margin-bottom:1rem}
        section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:1rem;margin-bottom:1rem;overflow-x:auto}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
        .tiles{display:flex;flex-wrap:wrap;gap:.6rem;margin-bottom:.6rem}.tile{flex:1 1 6rem;border-radius:6px;padding:.5rem;background:#eef1f4}
        .tile b{display:block;font-size:1.3rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e6e9ed;vertical-align:top}
        td.n,th.n{text-align:right;white-space:nowrap}svg{max-width:100%;height:auto;display:block}
        .muted{color:#5b6673}.unsure{color:#8a5a00;font-style:italic}ul{margin:0;padding-left:1.1rem}
        .login{max-width:24rem;margin:3rem auto;background:#fff;padding:1.5rem;border-radius:8px;border:1px solid #dde1e6}
        input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin:.4rem 0 1rem}
        button{padding:.45rem 1rem;font-size:1rem;border-radius:6px;border:1px solid #2d5b8a;background:#2f6aa3;color:#fff}
        .error{color:#a3222f}
        @media (max-width:40rem){body{padding:.5rem;font-size:15px}section{padding:.7rem}.hide-narrow{display:none}
        table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #e6e9ed;padding:.4rem 0}
        table.stack td{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.1rem 0;text-align:right;white-space:normal}table.stack td>div{min-width:0}
        table.stack td::before{content:attr(data-label);color:#5b6673;text-align:left;flex:0 0 auto}table.stack td.hide-narrow{display:none}}
        """
}
