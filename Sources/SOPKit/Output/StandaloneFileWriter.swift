import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one generated file where a user asked (`sopgen checklist --output FILE`): never into the
/// pack's sources (compared by real path, so neither a link nor `..` gets there), never through a
/// symbolic link, never over a file sopgen did not write unless forced, and atomically (a temporary
/// file beside it, then a rename), so a kill leaves the old file. A replaced file keeps its mode.
public struct StandaloneFileWriter: Sendable {
    public var packRoot: URL
    public var force: Bool

    public init(packRoot: URL, force: Bool = false) {
        self.packRoot = packRoot
        self.force = force
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case packSource(String, String)
        case notARegularFile(String)
        case notWrittenBySopgen(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .packSource(let path, let reason):
                return "'\(path)' cannot be written: \(reason); sopgen never writes pack sources, not even with --force"
            case .notARegularFile(let path):
                return "'\(path)' is a folder, a symbolic link or a special file; choose a plain file path"
            case .notWrittenBySopgen(let path):
                return "'\(path)' exists and sopgen did not write it; choose another --output, or pass --force to replace it"
            case .cannotWrite(let path, let reason):
                return "cannot write '\(path)': \(reason)"
            }
        }
    }

    /// Where `url` would be written and with which mode, or why it cannot be (the checks of
    /// `write`, with nothing written): a command checks its output before it records anything.
    public func check(_ url: URL, isOurs: (Data) -> Bool) throws(Failure) {
        _ = try place(url, isOurs: isOurs)
    }

    private func place(_ url: URL, isOurs: (Data) -> Bool) throws(Failure) -> (requested: String, folder: String, name: String, path: String, mode: mode_t) {
        let requested = url.standardizedFileURL.path
        let name = PathText.name(requested)
        guard !name.isEmpty, let folder = RealPath.of(PathText.parent(requested).isEmpty ? "/" : PathText.parent(requested)) else {
            throw .cannotWrite(requested, "its folder does not exist")
        }
        let path = (folder == "/" ? "" : folder) + "/" + name
        if let reason = PackSourcePaths(packRoot).conflict(with: path) { throw .packSource(requested, reason) }
        var mode: mode_t = 0o644
        switch FileKind.of(path) {
        case .missing:
            let mask = umask(0o022)
            umask(mask)
            mode = 0o666 & ~mask
        case .file:
            if !force {
                let existing = FileManager.default.contents(atPath: path) ?? Data()
                guard isOurs(existing) else { throw .notWrittenBySopgen(requested) }
            }
            var status = stat()
            if lstat(path, &status) == 0 { mode = status.st_mode & 0o7777 }
        case .folder, .link, .other: throw .notARegularFile(requested)
        }
        return (requested, folder, name, path, mode)
    }

    /// Writes `text`; `isOurs` tells whether an existing file's contents are something sopgen wrote.
    public func write(_ text: String, to url: URL, isOurs: (Data) -> Bool) throws(Failure) {
        let (requested, folder, name, path, mode) = try place(url, isOurs: isOurs)
        do {
            let directory = try Directory.open(folder)
            let temporary = ".\(name).sopgen-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
            defer { unlinkat(directory.descriptor, temporary, 0) }
            try directory.writeNewFile(temporary, Data(text.utf8), mode: mode)
            fchmodat(directory.descriptor, temporary, mode, 0)
            try FolderSwap.rename(folder + "/" + temporary, to: path)
        } catch {
            throw .cannotWrite(requested, error.description)
        }
    }
}

