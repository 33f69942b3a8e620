import Foundation

/// The write stage: puts an `OutputPlan` on disk. Everything is written into a fresh folder beside
/// the output and swapped in only once all of it is there, so a failure leaves the previous output
/// as it was. A manifest records what sopgen wrote; a folder holding anything else is refused,
/// never wiped.
public struct SiteWriter: Sendable {
    public static let manifestName = ".sopgen-manifest"
    static let manifestHeader = "# Files written by sopgen. sopgen replaces only these; do not edit."

    public init() {}

    public func write(_ plan: OutputPlan, to output: URL) throws(SiteWriterError) {
        let manager = FileManager.default
        let output = output.standardizedFileURL
        let previous = try previousOutput(at: output)
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).sopgen-new-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = parent.appendingPathComponent(".\(output.lastPathComponent).sopgen-old-\(ProcessInfo.processInfo.processIdentifier)")

        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .cannotWrite(staging.path, error.localizedDescription)
        }
        let files = plan.sorted
        do {
            let base = staging.path + "/"
            for folder in Self.folders(of: files.map(\.path)).sorted() {
                try FileCreation.makeFolder(base + folder)
            }
            // Two writers, split by folder: ext4 serialises creations within one directory only.
            let halves = Self.split(files)
            let failures = FailureBox()
            DispatchQueue.concurrentPerform(iterations: halves.count) { index in
                for file in halves[index] {
                    do { try FileCreation.write(file.contents, to: base + file.path) } catch { failures.record(error); return }
                }
            }
            if let failure = failures.first { throw failure }
            let manifest = ([Self.manifestHeader] + files.map(\.path)).joined(separator: "\n") + "\n"
            try FileCreation.write(Data(manifest.utf8), to: base + Self.manifestName)
        } catch {
            remove(staging, listing: files.map(\.path))
            throw .cannotWrite(staging.path, "\(error)")
        }

        if let previous {
            do {
                try manager.moveItem(at: output, to: retired)
            } catch {
                remove(staging, listing: files.map(\.path))
                throw .cannotWrite(output.path, error.localizedDescription)
            }
            do {
                try manager.moveItem(at: staging, to: output)
            } catch {
                try? manager.moveItem(at: retired, to: output)
                remove(staging, listing: files.map(\.path))
                throw .cannotWrite(output.path, error.localizedDescription)
            }
            remove(retired, listing: previous)
        } else {
            do {
                try manager.moveItem(at: staging, to: output)
            } catch {
                remove(staging, listing: files.map(\.path))
                throw .cannotWrite(output.path, error.localizedDescription)
            }
        }
    }

    /// The files of the previous build, or nil when there is no output folder yet.
    private func previousOutput(at output: URL) throws(SiteWriterError) -> [String]? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { throw .notAFolder(output.path) }
        let present = Self.contents(of: output)
        let manifestText = (try? String(contentsOf: output.appendingPathComponent(Self.manifestName), encoding: .utf8))
        guard let manifestText, manifestText.hasPrefix(Self.manifestHeader) else {
            if present.isEmpty { return [] }
            throw .foreignFiles(output.path, Array(present.prefix(10)), present.count)
        }
        let written = Set(manifestText.split(separator: "\n").dropFirst().map(String.init))
        let folders = Set(Self.folders(of: written).map { $0 + "/" })
        let foreign = present.filter { $0 != Self.manifestName && !written.contains($0) && !folders.contains($0) }
        guard foreign.isEmpty else { throw .foreignFiles(output.path, Array(foreign.prefix(10)), foreign.count) }
        return written.sorted()
    }

    /// Every file (as `a/b.html`) and folder (as `a/`) below `root`, hidden ones included.
    static func contents(of root: URL) -> [String] {
        var found: [String] = []
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey]) else { return [] }
        while let url = enumerator.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            found.append(values?.isDirectory == true && values?.isSymbolicLink != true ? relative + "/" : relative)
        }
        return found.sorted()
    }

    /// The files in two groups of whole folders, of about equal size.
    static func split(_ files: [OutputPlan.File]) -> [[OutputPlan.File]] {
        let byFolder = Dictionary(grouping: files) { ($0.path as NSString).deletingLastPathComponent }
        var halves: [[OutputPlan.File]] = [[], []]
        for (_, group) in byFolder.sorted(by: { $0.value.count > $1.value.count }) {
            let target = halves[0].count <= halves[1].count ? 0 : 1
            halves[target] += group
        }
        return halves
    }

    /// Every folder that holds one of `paths`, at any depth.
    static func folders(of paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        return folders
    }

    /// Removes the files sopgen wrote below `root`, then the folders they leave empty. Anything else
    /// stays where it is.
    private func remove(_ root: URL, listing files: [String]) {
        let manager = FileManager.default
        for path in files + [Self.manifestName] {
            try? manager.removeItem(at: root.appendingPathComponent(path))
        }
        for folder in Self.folders(of: files).sorted(by: { $0.count > $1.count }) {
            rmdir(root.appendingPathComponent(folder).path)
        }
        rmdir(root.path)
    }
}

public enum SiteWriterError: Error, CustomStringConvertible {
    case notAFolder(String)
    case foreignFiles(String, [String], Int)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .notAFolder(let path):
            return "the output '\(path)' is a file, not a folder; choose another --output"
        case .foreignFiles(let path, let sample, let count):
            let listed = sample.map { "  \($0)" }.joined(separator: "\n")
            let more = count > sample.count ? "\n  … and \(count - sample.count) more" : ""
            return """
                the output folder '\(path)' holds files that sopgen did not write:
                \(listed)\(more)
                sopgen never deletes what it did not write. Move them away, or choose another --output.
                """
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason); the previous output is unchanged"
        }
    }
}

/// The first error of concurrent writers.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []

    func record(_ error: Error) { lock.withLock { errors.append(error) } }
    var first: Error? { lock.withLock { errors.first } }
}
