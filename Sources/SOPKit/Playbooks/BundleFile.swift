import Foundation

/// The bundle file an export writes and an import reads. Reading refuses what is not a regular file
/// (a pipe would block) and anything over the pack file size limit, before reading it. Writing goes
/// through `StandaloneFileWriter`: never into the pack's sources, never through a link, never over
/// a file that is not itself a playbook bundle unless forced.
public enum BundleFile {
    public static func read(_ path: String) throws(PlaybookError) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadableBundle("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        guard FileKind(mode: info.st_mode) == .file else { throw .unreadableBundle("'\(path)' is not a regular file") }
        guard Int(info.st_size) <= PackLoader.maximumFileSize else { throw .tooLarge(path: path, bytes: Int(info.st_size)) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadableBundle("cannot open '\(path)'") }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: PackLoader.maximumFileSize + 1) ?? Data()
            guard data.count <= PackLoader.maximumFileSize else { throw PlaybookError.tooLarge(path: path, bytes: data.count) }
            return data
        } catch let error as PlaybookError {
            throw error
        } catch {
            throw .unreadableBundle("cannot read '\(path)': \(error)")
        }
    }

    public static func write(_ text: String, to path: String, packRoot: URL, force: Bool) throws(PlaybookError) {
        do {
            try StandaloneFileWriter(packRoot: packRoot, force: force).write(text, to: URL(fileURLWithPath: path), isOurs: isBundle)
        } catch {
            throw .unsafePath(error.description)
        }
    }

    /// Why `write` would refuse `path`, before anything is recorded; nothing is written.
    public static func check(_ path: String, packRoot: URL, force: Bool) throws(PlaybookError) {
        do {
            try StandaloneFileWriter(packRoot: packRoot, force: force).checkTarget(URL(fileURLWithPath: path), isOurs: isBundle)
        } catch {
            throw .unsafePath(error.description)
        }
    }

    /// A file sopgen wrote: a bundle.
    private static func isBundle(_ existing: Data) -> Bool {
        (try? StrictJSONParser.parse([UInt8](existing)).value)?["format"]?.string == PlaybookBundle.format
    }
}
