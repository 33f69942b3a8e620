import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The load stage: finds a pack's files and reads them as text. Nothing is interpreted here;
/// problems with the files themselves (not UTF-8, unreadable, a folder where a file belongs)
/// become diagnostics.
public struct PackLoader: Sendable {
    /// Files larger than this are not read: an SOP or YAML file of a real pack is a few kilobytes.
    public static let maximumFileSize = 2 * 1024 * 1024

    /// The files every pack has, and the folders it reads sources from: nothing else in a pack
    /// folder is read, and no build may write into any of them.
    public static let requiredFiles = ["sopgen.yml", "roles.yml", "policies.yml"]
    public static let sourceFolders = ["sites", "procedures", "snippets", "templates", "checklists", "playbooks", "reviews", "automations"]
    /// Files a pack may have: `people.yml` (who is who, for `sopgen review` and sign-off sheets).
    public static let optionalFiles = ["people.yml"]

    public init() {}

    public func load(from root: URL) -> LoadedPack {
        var pack = LoadedPack(root: root)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        // The theme first: a pack that is missing is one error, not one per template as well.
        pack.defaultTheme = DefaultTheme.files()
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            pack.diagnostics.append(.error(.packNotFound, "no pack folder at '\(root.path)'; name the folder that holds sopgen.yml, or start one with 'sopgen init \(root.lastPathComponent)'", at: SourceLocation(path: root.path)))
            return pack
        }
        for name in Self.requiredFiles {
            read(name, into: &pack, required: true)
        }
        for name in Self.optionalFiles {
            read(name, into: &pack, required: false)
        }
        for folder in Self.sourceFolders {
            // Read on every core (a pack of 5,000 SOPs spends a sixth of `check` here), applied in
            // path order: the same files and diagnostics as one after the other.
            let paths = files(under: folder, in: root, pack: &pack)
            let root = pack.root
            for outcome in Parallel.map(paths.count, { [self] in read(paths[$0], in: root, required: false) }) {
                apply(outcome, to: &pack)
            }
        }
        return pack
    }

    /// Reads `path` of `pack` again (a file `sopgen serve` saw change). False when it is gone or
    /// no longer reads as text: the caller then loads the whole pack, which reports why.
    func reload(_ path: String, into pack: inout LoadedPack) -> Bool {
        let count = pack.diagnostics.count
        pack.files[path] = nil
        read(path, into: &pack, required: false)
        return pack.diagnostics.count == count && pack.files[path] != nil
    }

    /// What reading one file gave: its text, or the diagnostic that stands for it, or nothing (an
    /// optional file that is absent).
    private enum Outcome: Sendable {
        case file(SourceFile)
        case problem(Diagnostic)
        case absent
    }

    private func apply(_ outcome: Outcome, to pack: inout LoadedPack) {
        switch outcome {
        case .file(let file): pack.files[file.path] = file
        case .problem(let diagnostic): pack.diagnostics.append(diagnostic)
        case .absent: break
        }
    }

    private func read(_ path: String, into pack: inout LoadedPack, required: Bool) {
        apply(read(path, in: pack.root, required: required), to: &pack)
    }

    private func read(_ path: String, in root: URL, required: Bool) -> Outcome {
        let url = root.appendingPathComponent(path)
        let location = SourceLocation(path: path)
        let filePath = url.path
        // One stat (through links: is anything there, is it a folder) and one lstat (of the name
        // itself: a link, pipe or device is refused): what `fileExists` and `attributesOfItem`
        // said, without building an attribute dictionary for each of a pack's thousands of files.
        var target = stat()
        guard stat(filePath, &target) == 0 else {
            return required ? .problem(.error(.missingFile, "the pack has no \(path)", at: location)) : .absent
        }
        if FileKind(mode: target.st_mode) == .folder {
            return .problem(.error(.notAFile, "\(path) is a folder; a file was expected", at: location))
        }
        var entry = stat()
        guard lstat(filePath, &entry) == 0, FileKind(mode: entry.st_mode) == .file else {
            // A pipe or device would block the read forever.
            return .problem(.error(.notAFile, "\(path) is not a regular file", at: location))
        }
        if entry.st_size > Self.maximumFileSize {
            let mebibytes = String(format: "%.1f", Double(entry.st_size) / 1_048_576)
            return .problem(.error(.fileTooLarge, "\(path) is \(mebibytes) MiB; sopgen reads files of up to \(Self.maximumFileSize / 1_048_576) MiB (an SOP is a few KB)", at: location))
        }
        guard access(filePath, R_OK) == 0, let data = FileManager.default.contents(atPath: filePath) else {
            return .problem(.error(.unreadableFile, "cannot read \(path)", at: location))
        }
        switch TextDecoding.decode(data) {
        case .success(let text):
            return .file(SourceFile(path: path, text: text))
        case .failure(let position):
            return .problem(.error(.invalidUtf8, "\(path) is not valid UTF-8 text",
                                   at: SourceLocation(path: path, line: position.line, column: position.column)))
        }
    }

    /// Regular files below `folder`, sorted, with hidden files skipped and symbolic-link loops cut.
    private func files(under folder: String, in root: URL, pack: inout LoadedPack) -> [String] {
        let base = root.appendingPathComponent(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            pack.diagnostics.append(.error(.notAFolder, "\(folder) is a file; a folder was expected", at: SourceLocation(path: folder)))
            return []
        }
        var found: [String] = []
        var visited: Set<String> = []
        walk(base, relative: folder, visited: &visited, found: &found, pack: &pack)
        return found.sorted()
    }

    private func walk(_ url: URL, relative: String, visited: inout Set<String>, found: inout [String], pack: inout LoadedPack) {
        let real = url.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            pack.diagnostics.append(.error(.symlinkLoop, "\(relative) leads back to a folder already read", at: SourceLocation(path: relative)))
            return
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            pack.diagnostics.append(.error(.unreadableFile, "cannot list \(relative)", at: SourceLocation(path: relative)))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = url.appendingPathComponent(name)
            let childRelative = relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else {
                pack.diagnostics.append(.error(.brokenSymlink, "\(childRelative) points at nothing", at: SourceLocation(path: childRelative)))
                continue
            }
            if isDirectory.boolValue {
                let target = child.resolvingSymlinksInPath().path
                if real == target || PathText.isInside(real, target) {
                    pack.diagnostics.append(.error(.symlinkLoop, "\(childRelative) leads back to a folder already read", at: SourceLocation(path: childRelative)))
                    continue
                }
                walk(child, relative: childRelative, visited: &visited, found: &found, pack: &pack)
            } else {
                found.append(childRelative)
            }
        }
    }
}

/// What the load stage hands to the decoder: text by pack-relative path.
public struct LoadedPack: Sendable {
    public var root: URL
    public var files: [String: SourceFile] = [:]
    public var diagnostics: [Diagnostic] = []
    /// sopgen's bundled theme (`templates/` beside the binary), by path: read here so that no later
    /// stage reads the disk. Empty for a pack built in memory without a theme.
    public var defaultTheme: [String: Data] = [:]

    public init(root: URL, files: [String: SourceFile] = [:]) {
        self.root = root
        self.files = files
    }

    /// The first 12 hex digits of a SHA-256 over every file's path and text, in path order.
    public var inputHash: String {
        var hasher = SHA256()
        // The bytes are hashed where they are, not copied into a `Data` first (24 MB at 5,000 SOPs).
        func update(_ text: String) {
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        }
        for path in files.keys.sorted() {
            update(path)
            update(files[path]!.text)
        }
        return hasher.finalize().hexDigits.prefix(12).description
    }

    public func files(under folder: String, withExtension fileExtension: String) -> [SourceFile] {
        files.keys.filter { PathText.isInside($0, folder) && PathText.hasExtension($0, fileExtension) }.sorted().compactMap { files[$0] }
    }
}
