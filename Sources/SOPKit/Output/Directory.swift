import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open folder, reached without following any symbolic link; every operation is relative to its
/// descriptor (`openat`, `unlinkat`, `mkdirat`), so swapping a folder on the way for a link, after
/// it was checked, cannot lead a write or a removal outside the output.
final class Directory: @unchecked Sendable {
    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Opens the folder at an absolute `path`; fails when it is a link, a file or missing.
    static func open(_ path: String) throws(FileCreation.Failure) -> Directory {
        let descriptor = SOPKit.openFolder(AT_FDCWD, path)
        guard descriptor >= 0 else { throw FileCreation.Failure(path: path, code: errno) }
        return Directory(descriptor: descriptor)
    }

    /// Opens the folder `name` inside this one, never through a link.
    func folder(_ name: String) throws(FileCreation.Failure) -> Directory {
        let descriptor = SOPKit.openFolder(self.descriptor, name)
        guard descriptor >= 0 else { throw FileCreation.Failure(path: name, code: errno) }
        return Directory(descriptor: descriptor)
    }

    /// Opens `relative` (`a/b`) below this folder one component at a time, never through a link.
    func folder(at relative: String) throws(FileCreation.Failure) -> Directory {
        var current = self
        for component in PathText.components(relative) { current = try current.folder(component) }
        return current
    }

    /// Creates the folder `name` (an existing folder is fine) and opens it.
    func makeFolder(_ name: String) throws(FileCreation.Failure) -> Directory {
        let made = StopSignals.shared.creating { mkdirat(descriptor, name, 0o755) == 0 ? 0 : errno }
        guard let made else { throw FileCreation.Failure(path: name, code: EINTR) }
        if made != 0 && made != EEXIST { throw FileCreation.Failure(path: name, code: made) }
        return try folder(name)
    }

    /// Creates the file `name`, which must not exist (never through a link), and opens it for
    /// writing. Refused once sopgen is being stopped (`StopSignals.creating`): the stop removes
    /// what the build wrote, and a file made after it has looked would be left behind.
    private func createFile(_ name: String, mode: mode_t) throws(FileCreation.Failure) -> Int32 {
        let opened = StopSignals.shared.creating { () -> (descriptor: Int32, code: Int32) in
            let file = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            return (file, file >= 0 ? 0 : errno)
        }
        guard let opened else { throw FileCreation.Failure(path: name, code: EINTR) }
        guard opened.descriptor >= 0 else { throw FileCreation.Failure(path: name, code: opened.code) }
        return opened.descriptor
    }

    /// Creates the file `name`, which must not exist, and opens it for writing: the caller closes it.
    func openNewFile(_ name: String, mode: mode_t = 0o644) throws(FileCreation.Failure) -> Int32 {
        try createFile(name, mode: mode)
    }

    /// Creates the file `name`, which must not exist, and writes `data` to it.
    func writeNewFile(_ name: String, _ data: Data, mode: mode_t = 0o644) throws(FileCreation.Failure) {
        let file = try createFile(name, mode: mode)
        defer { close(file) }
        try FileCreation.writeAll(data, to: file, path: name)
    }

    /// Creates the file `name`, which must not exist, and writes `file`'s pieces to it in order,
    /// each asked for once the one before is written.
    func writeNewFile(_ name: String, streaming file: StreamedFile, mode: mode_t = 0o644) throws(FileCreation.Failure) {
        let descriptor = try createFile(name, mode: mode)
        defer { close(descriptor) }
        for index in 0..<file.count { try FileCreation.writeAll(file.piece(index), to: descriptor, path: name) }
    }

    /// Creates each file (`name` in `folder`; none may exist) and writes their pieces side by side:
    /// piece 0 of each file, then piece 1 of each, and so on, each asked for once the one before is
    /// written. Files whose pieces are made together (the print pages of several roles, each SOP
    /// parsed once for all of them) are then asked for them together. A failure closes every file.
    static func writeNewFiles(_ files: [(folder: Directory, name: String, file: StreamedFile)],
                              mode: mode_t = 0o644) throws(FileCreation.Failure) {
        var descriptors: [Int32] = []
        defer { for descriptor in descriptors { close(descriptor) } }
        // A failure names the file by its path in the output (`StreamedFile.path`), not its name alone.
        for (folder, name, file) in files {
            do throws(FileCreation.Failure) {
                descriptors.append(try folder.createFile(name, mode: mode))
            } catch {
                throw FileCreation.Failure(path: file.path, code: error.code)
            }
        }
        let pieces = files.map(\.file.count).max() ?? 0
        for index in 0..<pieces {
            for (number, entry) in files.enumerated() where index < entry.file.count {
                try FileCreation.writeAll(entry.file.piece(index), to: descriptors[number], path: entry.file.path)
            }
        }
    }

    /// What `name` is in this folder, as `lstat` would say.
    func kind(_ name: String) -> FileKind {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        return FileKind(mode: status.st_mode)
    }

    /// Removes `name` if it is a regular file; anything else stays.
    @discardableResult
    func removeFile(_ name: String) -> Bool {
        kind(name) == .file && unlinkat(descriptor, name, 0) == 0
    }

    /// Removes the folder `name` if it is empty.
    @discardableResult
    func removeEmptyFolder(_ name: String) -> Bool { unlinkat(descriptor, name, AT_REMOVEDIR) == 0 }

    /// The names in this folder, `.` and `..` left out; nil when it cannot be read.
    func entries() -> [String]? {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return nil
        }
        defer { closedir(stream) }
        // A duplicated descriptor shares its position with the original: start from the top.
        rewinddir(stream)
        var names: [String] = []
        // The name is read where it lies: an entry is only `d_reclen` bytes long, so copying the
        // whole `dirent` (`entry.pointee`) read past the end of the last entry in the buffer, and
        // crashed on large folders.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(stream) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

private func openFolder(_ base: Int32, _ path: String) -> Int32 {
    openat(base, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
}
