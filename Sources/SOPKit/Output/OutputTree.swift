import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is below a folder, read with `lstat` and never through a symbolic link: regular files,
/// folders, and everything else (links, sockets, devices), each as a path relative to the root.
struct OutputTree: Sendable {
    var files: Set<String> = []
    var folders: Set<String> = []
    /// Symbolic links and special files: never sopgen's, never followed.
    var others: Set<String> = []

    var isEmpty: Bool { files.isEmpty && folders.isEmpty && others.isEmpty }

    /// Reads the tree below `root` (a real folder). Unreadable folders count as foreign content.
    static func read(_ root: String) -> OutputTree {
        var tree = OutputTree()
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(folder) else {
                if !relative.isEmpty { tree.others.insert(relative) }
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                switch FileKind.of(root + "/" + path) {
                case .folder:
                    tree.folders.insert(path)
                    pending.append(path)
                case .file: tree.files.insert(path)
                case .missing: continue
                case .link, .other: tree.others.insert(path)
                }
            }
        }
        return tree
    }
}

/// What `lstat` says a path is.
enum FileKind: Equatable {
    case missing, file, folder, link, other

    static func of(_ path: String) -> FileKind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }
}
