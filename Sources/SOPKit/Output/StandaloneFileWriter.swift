import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one generated file where a user asked (`sopgen checklist --output FILE`): never into the
/// pack's sources, never through a symbolic link, never over a file sopgen did not write unless
/// forced, and atomically (a temporary file beside it, then a rename), so a kill leaves the old file.
public struct StandaloneFileWriter: Sendable {
    public var packRoot: URL
    public var force: Bool

    public init(packRoot: URL, force: Bool = false) {
        self.packRoot = packRoot
        self.force = force
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case packSource(String)
        case notARegularFile(String)
        case notWrittenBySopgen(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .packSource(let path):
                return "'\(path)' is inside the pack's sources; sopgen never overwrites them, not even with --force"
            case .notARegularFile(let path):
                return "'\(path)' is a folder, a symbolic link or a special file; choose a plain file path"
            case .notWrittenBySopgen(let path):
                return "'\(path)' exists and sopgen did not write it; choose another --output, or pass --force to replace it"
            case .cannotWrite(let path, let reason):
                return "cannot write '\(path)': \(reason)"
            }
        }
    }

    public func write(_ text: String, to url: URL) throws(Failure) {
        let requested = url.standardizedFileURL.path
        let folder = (requested as NSString).deletingLastPathComponent
        let name = (requested as NSString).lastPathComponent
        guard let realFolder = realpath(folder, nil) else {
            throw .cannotWrite(requested, String(cString: strerror(errno)))
        }
        let path = String(cString: realFolder) + "/" + name
        free(realFolder)
        if isPackSource(path) { throw .packSource(requested) }
        switch FileKind.of(path) {
        case .missing: break
        case .file:
            if !force, !Self.looksGenerated(FileManager.default.contents(atPath: path) ?? Data()) {
                throw .notWrittenBySopgen(requested)
            }
        case .folder, .link, .other: throw .notARegularFile(requested)
        }
        var template = Array(((path as NSString).deletingLastPathComponent + "/.\(name).sopgen-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .cannotWrite(requested, String(cString: strerror(errno))) }
        close(descriptor)
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(temporary)
        do {
            try FileCreation.write(Data(text.utf8), to: temporary)
            try FolderSwap.rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw .cannotWrite(requested, error.description)
        }
    }

    /// True for the pack's required files and anything in its source folders.
    func isPackSource(_ path: String) -> Bool {
        guard let real = realpath(packRoot.standardizedFileURL.path, nil) else { return false }
        let pack = String(cString: real)
        free(real)
        return (PackLoader.requiredFiles + PackLoader.sourceFolders).contains { source in
            path == pack + "/" + source || path.hasPrefix(pack + "/" + source + "/")
        }
    }

    /// Recognises a checklist sopgen wrote in any of its formats: the HTML generator tag, the JSON
    /// document's own keys, or the Markdown header line with the pack's input hash.
    static func looksGenerated(_ data: Data) -> Bool {
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        if text.contains("<meta name=\"generator\" content=\"sopgen\">") { return true }
        if text.hasPrefix("{"), text.contains("\"checklist\" : "), text.contains("\"inputHash\" : ") { return true }
        let lines = text.split(separator: "\n", maxSplits: 4, omittingEmptySubsequences: false)
        return lines.count > 2 && lines[0].hasPrefix("# ") && lines[2].contains(" · pack inputs ")
    }
}
