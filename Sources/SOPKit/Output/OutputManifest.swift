import Foundation

/// `.sopgen-manifest`: the files sopgen wrote into an output folder, one relative path a line.
/// It is the only licence sopgen has to replace or remove anything, so it is read as untrusted
/// input: every entry must be a plain relative path that stays inside the folder.
struct OutputManifest: Sendable, Equatable {
    static let name = ".sopgen-manifest"
    static let header = "# Files written by sopgen. sopgen replaces only these; do not edit."

    var files: [String]

    /// The manifest's text: the header, then the files in order.
    var text: String { ([Self.header] + files).joined(separator: "\n") + "\n" }

    /// Why a path may not be written or removed inside an output folder, or nil when it may.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "an empty path" }
        // Read on bytes, as the file system reads it (`PathText.components`): by `Character`,
        // `/\u{301}x` did not start with `/`, and `../\u{301}x` had no `..`. A control character's
        // UTF-8 is its one byte, and no byte of another character is below 0x80.
        if path.utf8.first == UInt8(ascii: "/") { return "an absolute path" }
        if path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return "a path with control characters"
        }
        let components = PathText.componentBytes(path, omittingEmpty: false)
        if components.contains(where: { $0.elementsEqual("..".utf8) }) { return "a path that leaves the output folder ('..')" }
        if components.contains(where: { $0.elementsEqual(".".utf8) || $0.isEmpty }) { return "a path with an empty or '.' component" }
        if components.contains(where: { $0.count > 255 }) || path.utf8.count > 1024 { return "a path too long for a file system" }
        if path == name { return "the manifest itself" }
        return nil
    }

    enum ReadError: Error, Equatable {
        /// The file is not a sopgen manifest (no header): the folder is not sopgen's.
        case notAManifest
        /// Line `line` (1-based) names a path sopgen would never write.
        case badEntry(line: Int, entry: String, reason: String)
        case duplicateEntry(line: Int, entry: String)
    }

    /// Parses a manifest's text; CRLF line endings are read like LF.
    static func parse(_ text: String) -> Result<OutputManifest, ReadError> {
        // "\r\n" is one Character in Swift: split on scalars so CRLF files read like LF ones.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line[...]))
        }
        guard lines.first == header else { return .failure(.notAManifest) }
        if lines.last == "" { lines.removeLast() }
        var files: [String] = []
        var seen: Set<String> = []
        for (index, entry) in lines.enumerated().dropFirst() {
            if let reason = problem(with: entry) {
                return .failure(.badEntry(line: index + 1, entry: entry, reason: reason))
            }
            guard seen.insert(entry).inserted else { return .failure(.duplicateEntry(line: index + 1, entry: entry)) }
            files.append(entry)
        }
        return .success(OutputManifest(files: files))
    }

    /// Every folder that holds one of `paths`, at any depth, as `a` and `a/b`.
    static func folders(of paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var folder = PathText.parent(path)
            while !folder.isEmpty, folder != "/", folders.insert(folder).inserted {
                folder = PathText.parent(folder)
            }
        }
        return folders
    }
}
