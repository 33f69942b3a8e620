import Foundation

/// Single files read and replaced without following symbolic links. A read refuses anything but a
/// regular file within a size limit (a pipe would block, a device never end). A replacement writes
/// a temporary file beside the target (`O_EXCL | O_NOFOLLOW`), syncs it and renames it over the
/// target: a reader sees the old file or the new one whole, and a link planted at the target is
/// replaced by the file, never written through.
enum SafeFile {
    enum Kind: Equatable {
        case regular(size: Int)
        case folder
        case symbolicLink
        case other
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What is at `path` itself (a link is not followed); nil when nothing is.
    static func kind(at path: String) throws(Failure) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Failure(description: "cannot inspect \(path): \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    static func read(_ path: String, limit: Int) throws(Failure) -> Data {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else { throw Failure(description: "\(path) is larger than \(limit) bytes") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot read \(path): \(error)")
        }
    }

    /// Replaces (or creates) the file at `path` with `data`; refuses when `path` is a link or not a regular file.
    static func replace(_ path: String, with data: Data) throws(Failure) {
        switch try kind(at: path) {
        case nil, .regular?: break
        case .symbolicLink?: throw Failure(description: "\(path) is a symbolic link; sopgen does not write through links")
        case .folder?, .other?: throw Failure(description: "\(path) is not a regular file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).sopgen-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot create a file in \(folder): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }
}
