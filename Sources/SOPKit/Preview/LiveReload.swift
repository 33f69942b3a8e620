import Foundation

/// What `sopgen serve` adds to the HTML pages it serves, and to nothing else (`build` never calls
/// it): an inline script that listens to the server's events and reloads the page when it changed,
/// and, while the pack's last edit has errors, an overlay listing them. Everything in the overlay
/// comes from the pack (paths, messages, source lines) and is escaped for HTML.
public enum LiveReload {
    /// The server-sent events endpoint the script subscribes to.
    public static let eventsPath = "/__sopgen/events"

    /// The event that names the pages to reload: `data:` is a JSON array of URL paths, or `"*"` for all.
    public static func reloadEvent(_ paths: [String]?) -> String {
        guard let paths, paths.count <= 256 else { return "event: reload\ndata: \"*\"\n\n" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let data = (try? encoder.encode(paths.map { "/" + $0 })).map { String(decoding: $0, as: UTF8.self) } ?? "\"*\""
        return "event: reload\ndata: \(data)\n\n"
    }

    /// The script: reloads the page when an event names it (`roles/a/` is `roles/a/index.html`).
    /// Same origin only; no other network.
    static let script = """
        <script id="sopgen-live-reload">(function () {
          if (!window.EventSource) return;
          var here = location.pathname.replace(/\\/$/, '/index.html');
          var source = new EventSource('\(eventsPath)');
          source.addEventListener('reload', function (event) {
            var paths = JSON.parse(event.data);
            if (paths === '*' || paths.indexOf(here) >= 0) { source.close(); location.reload(); }
          });
        })();</script>
        """

    /// `html` with the script (and the overlay when `overlay` is given) put before its last `</body>`.
    public static func inject(into html: Data, overlay: String?) -> Data {
        let addition = Data(((overlay ?? "") + script).utf8)
        guard let range = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + addition }
        var result = html
        result.replaceSubrange(range.lowerBound..<range.lowerBound, with: addition)
        return result
    }

    /// The overlay for the errors among `diagnostics`, formatted as `check` prints them.
    public static func overlay(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let text = DiagnosticFormatter(sources: sources).format(errors)
        return """
            <div id="sopgen-overlay" role="alert" style="position:fixed;left:0;right:0;top:0;max-height:70vh;overflow:auto;\
            z-index:2147483647;margin:0;padding:1em;background:#3b0a0a;color:#fff;font:14px/1.45 monospace;\
            border-bottom:4px solid #e5484d"><p style="margin:0 0 .5em;font-weight:bold">sopgen serve: the pack has \
            \(errors.count) error\(errors.count == 1 ? "" : "s"); this page is the last good version. Fix the pack and it \
            reloads.</p><pre style="margin:0;white-space:pre-wrap">\(HTMLText.escape(text))</pre></div>
            """
    }

    /// The page for a path the site does not have.
    public static let notFoundPage = Data("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Not found · sopgen serve</title></head>
        <body><h1>Not found</h1><p>The site has no page at this address. <a href="/">Home</a></p></body></html>

        """.utf8)
}
