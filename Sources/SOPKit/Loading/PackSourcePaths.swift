import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real paths (every symbolic link resolved) of what a pack reads: its required files and every
/// folder the loader walks, links followed as the loader follows them. Writers compare real paths
/// with these, so an output cannot reach the pack's sources through a link or `..`.
public struct PackSourcePaths: Sendable {
    public var root: String?
    public var files: Set<String> = []
    public var folders: Set<String> = []

    public init(_ packRoot: URL) {
        root = RealPath.of(packRoot.standardizedFileURL.path)
        guard let root else { return }
        // A source that does not exist yet is reserved all the same: the next check would read it.
        for name in PackLoader.requiredFiles {
            if let real = RealPath.allowingMissing(root + "/" + name) { files.insert(real) }
        }
        var pending: [String] = []
        for name in PackLoader.sourceFolders {
            if let real = RealPath.of(root + "/" + name) {
                pending.append(real)
            } else if let planned = RealPath.allowingMissing(root + "/" + name) {
                folders.insert(planned)
            }
        }
        while let folder = pending.popLast(), folders.count < 100_000 {
            guard folders.insert(folder).inserted else { continue }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = folder + "/" + name
                // In a folder whose path is real, a name that is no link is real as it is: one
                // `lstat`, not a `realpath` for each of a pack's thousands of files.
                switch FileKind.of(path) {
                case .folder:
                    pending.append(path)
                case .file, .other:
                    files.insert(path)
                case .link, .missing:
                    var status = stat()
                    if stat(path, &status) == 0, FileKind(mode: status.st_mode) == .folder, let real = RealPath.of(path) {
                        pending.append(real)
                    } else if let real = RealPath.of(path) {
                        files.insert(real)
                    }
                }
            }
        }
    }

    /// Why writing at the real path `path` would touch the pack's sources, or nil when it would not.
    public func conflict(with path: String) -> String? {
        if path == root { return "it is the pack folder itself" }
        if files.contains(path) { return "it is one of the pack's source files" }
        if folders.contains(path) { return "it is one of the pack's source folders" }
        if folders.contains(PathText.parent(path)) || folders.contains(where: { PathText.isInside(path, $0) }) {
            return "it is inside the pack's source folders, which sopgen reads"
        }
        return nil
    }
}

/// `realpath(3)`, and the same for a path whose last parts do not exist yet.
enum RealPath {
    static func of(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The real path of `path`, resolving the part that exists and appending the rest. Nil when a
    /// part that exists is a dangling link or not a folder.
    static func allowingMissing(_ path: String) -> String? {
        var existing = path
        var missing: [String] = []
        while true {
            if let real = of(existing) {
                return ([real == "/" ? "" : real] + missing).joined(separator: "/")
            }
            guard errno == ENOENT, FileKind.of(existing) == .missing, existing != "/", !existing.isEmpty else { return nil }
            missing.insert(PathText.name(existing), at: 0)
            existing = PathText.parent(existing)
            if existing.isEmpty { existing = "/" }
        }
    }
}
