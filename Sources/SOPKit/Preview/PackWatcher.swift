import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sees files of a pack and of the theme change by comparing each file's metadata (inode, size,
/// modification time) with the last look: portable, and cheap enough (a few milliseconds for a
/// pack of thousands of files) to do at each `ChangeSignal` tick: at once after the kernel tells of
/// a change on Linux, every 50 ms elsewhere. It reads only what the load stage reads (the pack's files and source
/// folders, hidden names skipped), through symbolic links as the loader does.
public struct PackWatcher: Sendable {
    /// What changed since the last look.
    public struct Changes: Sendable, Equatable {
        /// Pack paths (as `LoadedPack.files` names them) added, changed or removed.
        public var packPaths: Set<String> = []
        /// A file of the bundled theme changed.
        public var theme = false
        public var isEmpty: Bool { packPaths.isEmpty && !theme }
    }

    fileprivate struct Stamp: Equatable, Sendable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var changeSeconds: Int
        var changeNanoseconds: Int
    }

    public let packRoot: URL
    public let themeRoot: URL?
    private var pack: [String: Stamp] = [:]
    private var theme: [String: Stamp] = [:]
    /// Every folder the last look read (the pack's root first), for `ChangeSignal` to watch.
    public private(set) var folders: [String] = []

    /// Takes the first look.
    public init(packRoot: URL, themeRoot: URL?) {
        self.packRoot = packRoot
        self.themeRoot = themeRoot
        var folders = [packRoot.path]
        pack = Self.scanPack(packRoot, folders: &folders)
        theme = themeRoot.map { Self.scan($0.path, relative: "", folders: &folders) } ?? [:]
        self.folders = folders
    }

    /// What changed since the last look (the first look is taken by `init`).
    public mutating func poll() -> Changes {
        var changes = Changes()
        var folders = [packRoot.path]
        defer { self.folders = folders }
        let packNow = Self.scanPack(packRoot, folders: &folders)
        for (path, stamp) in packNow where pack[path] != stamp { changes.packPaths.insert(path) }
        for path in pack.keys where packNow[path] == nil { changes.packPaths.insert(path) }
        pack = packNow
        if let themeRoot {
            let themeNow = Self.scan(themeRoot.path, relative: "", folders: &folders)
            changes.theme = themeNow != theme
            theme = themeNow
        }
        return changes
    }

    private static func scanPack(_ root: URL, folders: inout [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for name in PackLoader.requiredFiles + PackLoader.optionalFiles {
            if let stamp = stamp(root.path + "/" + name) { stamps[name] = stamp }
        }
        for folder in PackLoader.sourceFolders {
            stamps.merge(scan(root.path + "/" + folder, relative: folder + "/", folders: &folders)) { $1 }
        }
        return stamps
    }

    /// Every file below `folder` (the folder itself when it is a file), by `relative` + its path;
    /// each folder read is added to `folders`.
    private static func scan(_ folder: String, relative: String, depth: Int = 0, folders: inout [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        guard depth < 32, let directory = opendir(folder) else {
            if depth == 0, let stamp = stamp(folder) { stamps[String(relative.dropLast())] = stamp }
            return stamps
        }
        defer { closedir(directory) }
        folders.append(folder)
        // The name is read where it lies (as `Directory` does): an entry is only `d_reclen` bytes
        // long, so copying the whole `dirent` can read past the end of the buffer.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name.hasPrefix(".") { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                stamps.merge(scan(path, relative: relative + name + "/", depth: depth + 1, folders: &folders)) { $1 }
            case S_IFLNK:
                // The link's target is what the loader reads (a loop ends at the depth bound).
                var target = stat()
                guard stat(path, &target) == 0 else { continue }
                if (target.st_mode & S_IFMT) == S_IFDIR {
                    stamps.merge(scan(path, relative: relative + name + "/", depth: depth + 1, folders: &folders)) { $1 }
                } else {
                    stamps[relative + name] = Stamp(target)
                }
            default:
                stamps[relative + name] = Stamp(info)
            }
        }
        return stamps
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(info)
    }
}

extension PackWatcher.Stamp {
    init(_ info: stat) {
        #if canImport(Darwin)
        self.init(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     seconds: info.st_mtimespec.tv_sec, nanoseconds: info.st_mtimespec.tv_nsec,
                     changeSeconds: info.st_ctimespec.tv_sec, changeNanoseconds: info.st_ctimespec.tv_nsec)
        #else
        self.init(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec,
                     changeSeconds: info.st_ctim.tv_sec, changeNanoseconds: info.st_ctim.tv_nsec)
        #endif
    }
}
