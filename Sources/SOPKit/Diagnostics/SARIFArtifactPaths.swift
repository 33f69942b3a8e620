import Foundation

/// Where SARIF results point. Code scanning maps a result's `uri` onto the repository, so a uri is
/// relative to the root of the git work tree that holds the pack (`sops/policies.yml`), or, outside
/// any work tree, to the current directory; never a machine's absolute path.
public struct SARIFArtifactPaths: Sendable {
    /// The pack folder as seen from the base: "" when they are the same, else ending in "/".
    let packPrefix: String
    /// The pack's absolute path, which messages may name (`pack-not-found`) and which is replaced.
    let packRoot: String
    /// The folder uris are relative to, as path components.
    let base: [String]

    public init(packURL: URL, currentDirectory: URL) {
        let pack = Self.realPath(packURL.standardizedFileURL)
        base = Self.workTreeRoot(containing: pack) ?? Self.realPath(currentDirectory.standardizedFileURL)
        packRoot = packURL.standardizedFileURL.path
        let relative = Self.relativePath(of: pack, from: base)
        packPrefix = relative.isEmpty ? "" : relative + "/"
    }

    /// The uri of a diagnostic's file: pack paths gain the pack's prefix; absolute paths (a pack
    /// that does not exist) are made relative to the base too.
    func uri(for path: String) -> String {
        var relative = path.utf8.first == UInt8(ascii: "/")
            ? Self.relativePath(of: Self.realPath(URL(fileURLWithPath: path).standardizedFileURL), from: base)
            : packPrefix + path
        if relative.isEmpty { relative = "." }
        return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
    }

    /// A message with the pack's absolute path replaced by its relative one.
    func message(_ text: String) -> String {
        guard packRoot.count > 1, text.contains(packRoot) else { return text }
        return text.replacingOccurrences(of: packRoot, with: packPrefix.isEmpty ? "." : String(packPrefix.dropLast()))
    }

    /// The nearest folder at or above `path` with a `.git` entry (a folder, or the file a linked
    /// work tree has), starting from the nearest ancestor that exists.
    static func workTreeRoot(containing path: [String]) -> [String]? {
        var components = path
        while true {
            let folder = "/" + components.joined(separator: "/")
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(".git")) { return components }
            guard !components.isEmpty else { return nil }
            components.removeLast()
        }
    }

    /// Path components with symbolic links resolved as far as the path exists; the rest kept.
    static func realPath(_ url: URL) -> [String] {
        var existing = url
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let resolved = existing.resolvingSymlinksInPath().path
        return PathText.components(resolved) + missing
    }

    static func relativePath(of path: [String], from base: [String]) -> String {
        var shared = 0
        while shared < min(path.count, base.count), path[shared] == base[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: base.count - shared)
        return (ups + path[shared...]).joined(separator: "/")
    }
}
