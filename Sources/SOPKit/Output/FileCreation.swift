import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain POSIX writes for the staging folder. Foundation's `Data.write(to:)` syncs and stats every
/// file; the staging folder is swapped in whole, so one file's durability buys nothing and thousands
/// of syncs cost seconds.
enum FileCreation {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "\(path): \(String(cString: strerror(code)))" }
    }

    /// Creates `path` and writes `data` to it. The file must not exist yet and is never reached
    /// through a symbolic link: staging folders are new, so anything already there is not ours.
    static func write(_ data: Data, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(descriptor) }
        let failed: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failed { throw Failure(path: path, code: failed) }
    }

    /// Creates `path` and any missing parents below an existing folder.
    static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw Failure(path: path, code: errno) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw Failure(path: path, code: errno) }
    }
}
