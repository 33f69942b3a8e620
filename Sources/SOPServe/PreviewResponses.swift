import Foundation
import Hummingbird
import SOPKit

/// Answers every request from the in-memory site: pages (HTML with the live-reload script), the
/// event stream, a 404 page, a 400 for a path no page can have. GET and HEAD only.
struct PreviewResponses: Sendable {
    let store: SiteStore
    /// Host names a request may give: a page of another site (DNS rebinding) gets no answer.
    let allowedHosts: Set<String>?
    /// Tests only (`SOPGEN_TEST_SERVE_TRACE`): a line for each page served and each stream opened.
    let trace: (@Sendable (String) -> Void)?

    func respond(to request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            var headers = Self.headers(type: "text/plain; charset=utf-8")
            headers[.allow] = "GET, HEAD"
            return Response(status: .methodNotAllowed, headers: headers, body: Self.body("Only GET and HEAD.\n"))
        }
        if let allowedHosts, !allowedHosts.contains(Self.hostName(request.head.authority)) {
            return Response(status: .misdirectedRequest, headers: Self.headers(type: "text/plain; charset=utf-8"),
                            body: Self.body("This server answers only to the host it was started on.\n"))
        }
        let raw = request.head.path ?? "/"
        if raw == LiveReload.eventsPath { return events() }
        switch SitePath(requestPath: raw) {
        case .refused:
            return Response(status: .badRequest, headers: Self.headers(type: "text/plain; charset=utf-8"),
                            body: Self.body("Bad request: not a path of this site.\n"))
        case .page(let path):
            let (contents, overlay) = store.page(path)
            guard let contents else {
                // `/roles/admin` is the folder `/roles/admin/`.
                if !path.hasSuffix("index.html"), store.hasPage(path + "/index.html") {
                    var headers = Self.headers(type: "text/plain; charset=utf-8")
                    headers[.location] = "/" + path + "/"
                    return Response(status: .movedPermanently, headers: headers)
                }
                let page = LiveReload.inject(into: LiveReload.notFoundPage, overlay: overlay)
                return Response(status: .notFound, headers: Self.headers(type: "text/html; charset=utf-8"),
                                body: Self.body(page, head: request.method == .head))
            }
            trace?("Trace: served /\(path)")
            let type = SitePath.contentType(of: path)
            let body = path.hasSuffix(".html") ? LiveReload.inject(into: contents, overlay: overlay) : contents
            return Response(status: .ok, headers: Self.headers(type: type, length: body.count),
                            body: Self.body(body, head: request.method == .head))
        }
    }

    /// Server-sent events: a comment at once (so the client knows it is connected), then each
    /// reload the store broadcasts, until the client goes or the server stops.
    private func events() -> Response {
        let stream = store.subscribe()
        trace?("Trace: a page subscribed")
        var headers = Self.headers(type: "text/event-stream; charset=utf-8")
        headers[.connection] = "keep-alive"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": sopgen serve\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event))
            }
            try await writer.finish(nil)
        })
    }

    static func headers(type: String, length: Int? = nil) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        // The served pages load nothing but from this server, like the built site.
        headers[.init("Content-Security-Policy")!] =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        if let length { headers[.contentLength] = String(length) }
        return headers
    }

    private static func body(_ text: String) -> ResponseBody { body(Data(text.utf8)) }

    private static func body(_ data: Data, head: Bool = false) -> ResponseBody {
        head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data))
    }

    /// `localhost:8000` → `localhost`, `[::1]:8000` → `[::1]`; lowercased.
    static func hostName(_ authority: String?) -> String {
        guard let authority = authority?.lowercased() else { return "" }
        if authority.hasPrefix("[") { return authority.firstIndex(of: "]").map { String(authority[...$0]) } ?? authority }
        return authority.split(separator: ":", maxSplits: 1).first.map(String.init) ?? authority
    }
}
