import Foundation

/// The bundle file an export writes and an import reads. Reading refuses what is not a regular file
/// (a pipe would block) and anything over the pack file size limit before reading it. Writing never
/// follows a link and never replaces a file that is not itself a playbook bundle.
public enum BundleFile {
    public static func read(_ path: String) throws(PlaybookError) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadableBundle("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadableBundle("'\(path)' is not a regular file") }
        guard Int(info.st_size) <= PackLoader.maximumFileSize else { throw .tooLarge(path: path, bytes: Int(info.st_size)) }
        do {
            return try SafeFile.read((path as NSString).resolvingSymlinksInPath, limit: PackLoader.maximumFileSize)
        } catch {
            throw .unreadableBundle(error.description)
        }
    }

    public static func write(_ text: String, to path: String) throws(PlaybookError) {
        var current: Data?
        do {
            if case .regular? = try SafeFile.kind(at: path) { current = try SafeFile.read(path, limit: PackLoader.maximumFileSize) }
        } catch {
            throw .unsafePath(error.description)
        }
        if let current {
            let root = try? StrictJSONParser.parse([UInt8](current)).value
            guard root?["format"]?.string == PlaybookBundle.format else {
                throw .unsafePath("'\(path)' exists and is not a playbook bundle; choose another --output")
            }
        }
        do { try SafeFile.replace(path, with: Data(text.utf8)) } catch { throw .unsafePath(error.description) }
    }
}
