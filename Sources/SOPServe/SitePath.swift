import Foundation

/// A request's path as a path of the in-memory site, or why it is refused. The site is a
/// dictionary: no request path ever reaches the file system. Still, anything that could mean
/// another folder (`..`, `.`, an encoded slash or backslash, a NUL, invalid percent-encoding) is
/// refused outright rather than looked up.
enum SitePath: Equatable {
    /// A site path such as `roles/admin/index.html` (`/` and `/roles/admin/` name their index.html).
    case page(String)
    /// The request path is not one a page can have.
    case refused

    init(requestPath raw: String) {
        var path = Substring(raw)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        guard path.hasPrefix("/"), path.utf8.count <= 4096 else { self = .refused; return }
        let lowered = path.lowercased()
        // Encoded separators and NUL, refused before decoding so they cannot turn into one.
        for encoded in ["%2f", "%5c", "%00"] where lowered.contains(encoded) {
            self = .refused
            return
        }
        guard let decoded = String(path).removingPercentEncoding,
              !decoded.contains("\\"), !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            self = .refused
            return
        }
        // Split on the byte `/`, as a file system would: by `Character`, a `/` followed by a
        // combining mark is not a separator, and `/../%CC%81x` had no `..` segment.
        let segments = decoded.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { self = .refused; return }
            // `//` inside a path: no page has an empty folder name.
            if segment.isEmpty && index != segments.count - 1 { self = .refused; return }
        }
        let joined = segments.joined(separator: "/")
        self = .page(joined.isEmpty || joined.hasSuffix("/") ? joined + "index.html" : joined)
    }

    /// The content type of a site file, from its extension.
    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "md": "text/markdown; charset=utf-8"
        case "txt", "gift": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
