import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real folder a build writes: the folder the user named, or, when that is a symbolic link
/// (a deploy setup linking `site` to a web root), the folder the link points to. The link itself is
/// left as it is; staging folders and the lock sit beside the real folder, on its file system.
public struct OutputLocation: Sendable, Equatable {
    /// The real folder, absolute, with every symbolic link on the way resolved.
    public let folder: String
    /// The real folder that holds it.
    public let parent: String
    /// Its name in `parent`.
    public let name: String

    /// Resolves `url`, creating missing parent folders as the user asked.
    public static func resolve(_ url: URL) throws(SiteWriterError) -> OutputLocation {
        var path = url.standardizedFileURL.path
        for _ in 0..<32 {
            let name = (path as NSString).lastPathComponent
            let parent = (path as NSString).deletingLastPathComponent
            guard !name.isEmpty, name != "/", name != ".", name != ".." else {
                throw .notAFolder(url.path, "the root of the file system cannot be an output folder")
            }
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(parent, Self.reason(error))
            }
            guard let realParent = realpath(parent, nil) else { throw .cannotWrite(parent, String(cString: strerror(errno))) }
            let resolvedParent = String(cString: realParent)
            free(realParent)
            let candidate = resolvedParent == "/" ? "/" + name : resolvedParent + "/" + name
            guard FileKind.of(candidate) == .link else {
                return OutputLocation(folder: candidate, parent: resolvedParent, name: name)
            }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) else {
                throw .cannotWrite(candidate, "cannot read the symbolic link")
            }
            path = target.hasPrefix("/") ? target : resolvedParent + "/" + target
            path = URL(fileURLWithPath: path).standardizedFileURL.path
        }
        throw .notAFolder(url.path, "too many symbolic links on the way to the output folder")
    }

    /// What is locked to serialise builds of this folder: the folder that holds it.
    var lockPath: String { parent }
    /// Staging (`new`) and retired (`old`) folders of this output start with this name.
    func transientPrefix(_ kind: String) -> String { "." + name + ".sopgen-" + kind + "-" }

    /// True when `path` is this folder or lies inside it.
    func contains(_ path: String) -> Bool { path == folder || path.hasPrefix(folder + "/") }

    /// Refuses an output that would be read back as pack sources: inside the pack's source
    /// folders, or the pack folder itself.
    public func refuseInside(pack root: URL) throws(SiteWriterError) {
        guard let real = realpath(root.standardizedFileURL.path, nil) else { return }
        let pack = String(cString: real)
        free(real)
        if folder == pack { throw .insidePack(folder, "it is the pack folder itself") }
        for source in PackLoader.sourceFolders + PackLoader.requiredFiles {
            let sourcePath = pack + "/" + source
            if folder == sourcePath || folder.hasPrefix(sourcePath + "/") {
                throw .insidePack(folder, "it is inside the pack's \(source)\(source.hasSuffix(".yml") ? "" : "/"), which sopgen reads as sources")
            }
        }
    }

    static func reason(_ error: Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if (error as NSError).domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32((error as NSError).code))) }
        return (error as NSError).localizedDescription
    }
}
