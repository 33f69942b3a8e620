/// `/`-separated paths as plain text. Foundation's `NSString` path methods trap on some
/// non-ASCII input, and a manifest is untrusted input.
enum PathText {
    /// The components of `path`, split on the byte `/` as the file system splits it. Not by
    /// `Character`: a `/` followed by a combining mark is one `Character`, so `../\u{301}x` read as
    /// one harmless component where the file system reads `..` and `\u{301}x`.
    static func components(_ path: String, omittingEmpty: Bool = true) -> [String] {
        componentBytes(path, omittingEmpty: omittingEmpty).map { String(Substring($0)) }
    }

    /// Whether `path` lies inside `folder` (`folder/…`), compared on bytes, as the file system
    /// compares names. By `Character`, `procedures/\u{301}x/a.md` did not start with `procedures/`
    /// (the pack's SOP was ignored, unreported), and two names the file system tells apart
    /// (`café` written precomposed and decomposed) were the same folder.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let path = path.utf8, folder = folder.utf8
        guard path.count > folder.count, path.starts(with: folder) else { return false }
        return path[path.index(path.startIndex, offsetBy: folder.count)] == UInt8(ascii: "/")
    }

    /// Whether the last part of `path` ends in `.extension`, on bytes (by `Character`, a mark
    /// that joins the scalar before it, such as U+0D4E before the dot, hid an `.md`).
    static func hasExtension(_ path: String, _ fileExtension: String) -> Bool {
        let path = path.utf8, suffix = ".\(fileExtension)".utf8
        return path.count > suffix.count && path.reversed().starts(with: suffix.reversed())
    }

    /// `components` as views of the path's bytes, none copied: what a check of every path reads.
    static func componentBytes(_ path: String, omittingEmpty: Bool = true) -> [Substring.UTF8View] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: omittingEmpty)
    }

    /// `a/b/c` → `a/b`; `c` → ``; `/c` → `/`. By bytes, as the file system reads a path (and
    /// many times faster than by `Character`, for every file a build writes).
    static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == path.startIndex ? "/" : String(path.utf8[..<slash])!
    }

    /// `a/b/c` → `c`.
    static func name(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path.utf8[path.utf8.index(after: slash)...])!
    }
}
