/// The link addresses cmark-gfm's HTML renderer empties (`href=""`) unless raw HTML is allowed:
/// its `_scan_dangerous_url` rule, case-insensitive, at the start of the address as parsed
/// (entities and escapes already decoded, so `javascript&colon;` is one). Written here, beside the
/// renderer, so a diagnostic can say which links a page loses; `DroppedLinksTests` checks each
/// case against cmark-gfm itself.
public enum DroppedLinks {
    private static let schemes = ["javascript", "vbscript", "file", "data"]
    private static let keptImages = ["png", "gif", "jpeg", "webp"]

    /// The scheme (`javascript`, `vbscript`, `file`, `data`) for which `destination` is emptied;
    /// nil when cmark-gfm keeps it (a `data:image/png…`, `gif`, `jpeg` or `webp` is kept).
    public static func scheme(of destination: String) -> String? {
        let bytes = Array(destination.utf8.prefix(16)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func starts(with text: String) -> Bool { bytes.starts(with: text.utf8) }
        if keptImages.contains(where: { starts(with: "data:image/" + $0) }) { return nil }
        return schemes.first { starts(with: $0 + ":") }
    }
}
