import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real folder a build writes: the folder the user named, or, when that is a symbolic link
/// (a deploy setup linking `site` to a web root), the folder the link points to. The link itself is
/// left as it is; staging folders sit beside the real folder, on its file system. Resolving
/// creates nothing: missing parent folders are made by the write stage, once the build succeeded.
public struct OutputLocation: Sendable, Equatable {
    /// The real folder, absolute, with every symbolic link on the way resolved.
    public let folder: String
    /// The real folder that holds it (it may not exist yet).
    public let parent: String
    /// Its name in `parent`.
    public let name: String
    /// True when the user's path was a symbolic link: its target's parent is never created.
    public let throughLink: Bool

    public static func resolve(_ url: URL) throws(SiteWriterError) -> OutputLocation {
        var path = url.standardizedFileURL.path
        var throughLink = false
        for _ in 0..<32 {
            let name = PathText.name(path)
            guard !name.isEmpty, name != ".", name != ".." else {
                throw .notAFolder(url.path, "the root of the file system cannot be an output folder")
            }
            let parentPath = PathText.parent(path)
            guard let parent = RealPath.allowingMissing(parentPath.isEmpty ? "/" : parentPath) else {
                throw .notAFolder(url.path, "a part of '\(parentPath)' is a broken link or not a folder")
            }
            let candidate = (parent == "/" ? "" : parent) + "/" + name
            guard FileKind.of(candidate) == .link else {
                return OutputLocation(folder: candidate, parent: parent.isEmpty ? "/" : parent, name: name, throughLink: throughLink)
            }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) else {
                throw .cannotWrite(candidate, "cannot read the symbolic link")
            }
            throughLink = true
            path = URL(fileURLWithPath: target.utf8.first == UInt8(ascii: "/") ? target : parent + "/" + target).standardizedFileURL.path
        }
        throw .notAFolder(url.path, "too many symbolic links on the way to the output folder")
    }

    /// Staging (`new`) and retired (`old`) folders of this output start with this name.
    func transientPrefix(_ kind: String) -> String { "." + name + ".sopgen-" + kind + "-" }

    /// Creates the parent folders the user's path names, never those of a link's target.
    func makeParent() throws(SiteWriterError) {
        guard FileKind.of(parent) != .folder else { return }
        if throughLink { throw .notAFolder(folder, "the symbolic link points into '\(parent)', which does not exist") }
        do { try FileCreation.makeFolder(parent) } catch { throw .cannotWrite(parent, String(cString: strerror(error.code))) }
        guard RealPath.of(parent) == parent else { throw .cannotWrite(parent, "the folder changed while it was created") }
    }

    /// Refuses an output that would be read back as pack sources: the pack folder, a source folder
    /// or anything inside one, however it is reached (links, `..`).
    public func refuseInside(pack root: URL) throws(SiteWriterError) {
        if let reason = PackSourcePaths(root).conflict(with: folder) {
            throw .insidePack(folder, reason)
        }
    }
}
