import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is below a folder, read through folder descriptors and never through a symbolic link:
/// regular files, folders, and everything else (links, sockets, devices), each as a path relative
/// to the root.
struct OutputTree: Sendable {
    var files: Set<String> = []
    var folders: Set<String> = []
    /// Symbolic links, special files and folders that cannot be read: never sopgen's.
    var others: Set<String> = []

    var isEmpty: Bool { files.isEmpty && folders.isEmpty && others.isEmpty }

    /// Everything present, folders marked with a trailing `/`, sorted.
    var listing: [String] { (files.map { $0 } + others.map { $0 } + folders.map { $0 + "/" }).sorted() }

    /// Reads the tree below `root`. Nil when the root itself cannot be opened or read.
    static func read(_ root: Directory) -> OutputTree? {
        guard root.entries() != nil else { return nil }
        var tree = OutputTree()
        var pending: [(String, Directory)] = [("", root)]
        while let (relative, folder) = pending.popLast() {
            guard let names = folder.entries() else {
                tree.others.insert(relative)
                tree.folders.remove(relative)
                continue
            }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                switch folder.kind(name) {
                case .folder:
                    if let child = try? folder.folder(name) {
                        tree.folders.insert(path)
                        pending.append((path, child))
                    } else {
                        tree.others.insert(path)
                    }
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

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .file
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .link
        default: self = .other
        }
    }

    static func of(_ path: String) -> FileKind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        return FileKind(mode: status.st_mode)
    }
}
