import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and replaces files in one folder of a pack (`sites/`) for commands that edit the pack.
/// It never follows a link: a record that is a symbolic link is refused, and so is a folder that
/// resolves outside the pack. A replacement is written to a hidden temporary file in the same
/// folder, synced, then renamed over the old file, so at every instant the file is either the
/// old text or the new one; a run killed half-way leaves the old file (and at worst a hidden
/// `.…tmp` file, which the pack loader skips).
struct PackFileStore {
    let root: URL
    let folder: String

    /// The largest file read: the pack loader's limit.
    static let maximumFileSize = PackLoader.maximumFileSize

    /// The file's bytes, or nil when there is no such file.
    func contents(of name: String) throws(PackFileError) -> Data? {
        let path = try folderPath(creating: false) + "/" + name
        guard let info = try status(path) else { return nil }
        try requireRegularFile(path, shown: "\(folder)/\(name)")
        guard Int(info.st_size) <= Self.maximumFileSize else { throw .tooLarge("\(folder)/\(name)") }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("\(folder)/\(name)", errno) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .system("\(folder)/\(name)", errno) }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            guard data.count <= Self.maximumFileSize else { throw .tooLarge("\(folder)/\(name)") }
        }
        return data
    }

    /// Replaces (or creates) the file atomically. `beforeRename` runs when the new text is safely in
    /// the temporary file and the old file is still in place: tests use it to stop a write there.
    func replace(_ name: String, with data: Data, beforeRename: () throws -> Void = {}) throws(PackFileError) {
        let folderPath = try folderPath(creating: true)
        let path = folderPath + "/" + name
        let shown = "\(folder)/\(name)"
        let existing = try status(path)
        if existing != nil { try requireRegularFile(path, shown: shown) }
        let temporary = folderPath + "/.\(name).\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .system(shown, errno) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            if let existing { fchmod(descriptor, existing.st_mode & 0o7777) }
            try writeAll(data, to: descriptor, shown: shown)
            guard fsync(descriptor) == 0 else { throw PackFileError.system(shown, errno) }
        }
        do { try beforeRename() } catch { throw .interrupted(shown) }
        // The check above may be stale; rename replaces a link itself, never its target, but a
        // record that became a link in the meantime is still refused.
        if try status(path) != nil { try requireRegularFile(path, shown: shown) }
        guard rename(temporary, path) == 0 else { throw .system(shown, errno) }
        renamed = true
        let folderDescriptor = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// The folder's path, checked to be a real folder inside the pack (created when asked).
    private func folderPath(creating: Bool) throws(PackFileError) -> String {
        guard let rootReal = Self.realPath(root.path) else { throw .system(root.path, errno) }
        let path = rootReal + "/" + folder
        if try status(path) == nil {
            guard creating else { return path }
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .system(folder, errno) }
        }
        guard let real = Self.realPath(path) else { throw .system(folder, errno) }
        guard PathText.isInside(real, rootReal) else { throw .outsidePack(folder, real) }
        guard FileKind.of(real) == .folder else { throw .notAFolder(folder) }
        return real
    }

    private func status(_ path: String) throws(PackFileError) -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT { return nil }
        throw .system(path, errno)
    }

    private func requireRegularFile(_ path: String, shown: String) throws(PackFileError) {
        switch FileKind.of(path) {
        case .file, .missing: return
        case .link: throw .symbolicLink(shown)
        case .folder: throw .notAFile(shown, "a folder")
        case .other: throw .notAFile(shown, "not a regular file")
        }
    }

    private func writeAll(_ data: Data, to descriptor: Int32, shown: String) throws(PackFileError) {
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .system(shown, failure) }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a pack file could not be read or replaced.
public enum PackFileError: Error, CustomStringConvertible {
    case symbolicLink(String)
    case notAFile(String, String)
    case notAFolder(String)
    case outsidePack(String, String)
    case tooLarge(String)
    case interrupted(String)
    case system(String, Int32)

    public var description: String {
        switch self {
        case .symbolicLink(let path):
            "\(path) is a symbolic link; sopgen does not write through links (replace the link with the file itself)"
        case .notAFile(let path, let what):
            "\(path) is \(what); a file was expected"
        case .notAFolder(let path):
            "\(path) is not a folder; a folder of records was expected"
        case .outsidePack(let folder, let target):
            "\(folder)/ leads outside the pack (to \(target)); sopgen writes only inside the pack"
        case .tooLarge(let path):
            "\(path) is larger than \(PackFileStore.maximumFileSize / 1_048_576) MiB"
        case .interrupted(let path):
            "writing \(path) was interrupted; the old file is unchanged"
        case .system(let path, let code):
            "\(path): \(String(cString: strerror(code)))"
        }
    }
}
