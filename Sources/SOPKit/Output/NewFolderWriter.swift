import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates a folder with its files in one step, for `sopgen init`: the files are written into a
/// fresh sibling (`.NAME.sopgen-init-XXXXXX`, from `mkdtemp`) through folder descriptors that never
/// follow a link, then renamed into place. `rename(2)` lands only on a missing name or an empty
/// folder — never on a file, a link or a folder that holds anything — so nothing that exists is
/// ever overwritten, even if it appeared after the check. SIGINT, SIGTERM or SIGHUP remove the
/// sibling (`StopSignals`); only SIGKILL leaves it.
public enum NewFolderWriter {
    /// `staged` runs when every file is in the sibling, before the rename (a test hook).
    public static func create(_ path: String, files: [String: String], staged: () -> Void = {}) throws(FileSystemFailure) {
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        let parent = PathText.parent(target)
        let name = PathText.name(target)
        switch kind(of: target) {
        case .missing: break
        case .folder:
            guard let probe = try? Directory.open(target), probe.entries()?.isEmpty == true else {
                throw FileSystemFailure(.create, path, reason: "it already exists and is not empty; sopgen init never writes into an existing folder")
            }
        case .link: throw FileSystemFailure(.create, path, reason: "it is a symbolic link; name a new folder")
        default: throw FileSystemFailure(.create, path, reason: "something that is not a folder is already there")
        }
        guard kind(of: parent) == .folder else { throw FileSystemFailure(.create, path, reason: "its folder does not exist") }
        var template = Array((parent + "/." + name + ".sopgen-init-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw FileSystemFailure(.create, path, reason: String(cString: strerror(errno)))
        }
        let staging = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        StopSignals.shared.removeOnStop(staging)
        do {
            let root = try Directory.open(staging)
            for (file, text) in files.sorted(by: { $0.key < $1.key }) {
                let components = PathText.components(file)
                guard let fileName = components.last, !components.contains(".."), !components.contains(".") else { continue }
                var folder = root
                for component in components.dropLast() { folder = try folder.makeFolder(component) }
                try folder.writeNewFile(fileName, Data(text.utf8))
            }
            // mkdtemp made it 0700; a pack is shared like any other source folder.
            chmod(staging, 0o755)
        } catch {
            StopSignals.shared.release(staging) { remove(staging) }
            throw FileSystemFailure(.write, staging, reason: error.description)
        }
        staged()
        let failure: String? = StopSignals.shared.release(staging) {
            guard rename(staging, target) == 0 else {
                let reason = String(cString: strerror(errno))
                remove(staging)
                return reason
            }
            return nil
        }
        if let failure { throw FileSystemFailure(.create, path, reason: failure) }
    }

    private static func kind(of path: String) -> FileKind { FileKind.of(path) }

    /// Removes a staging folder sopgen made and filled itself.
    private static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
