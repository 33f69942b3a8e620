import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HandbookVersion {
    /// Why `--since FILE` cannot be used.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Reads `--since FILE`: a `handbook-version.json` that a build wrote, or a build's
    /// `.sopgen-manifest`. A manifest names files only, so the version file it lists beside it is
    /// read instead when it is there (never through a symbolic link); without one, the SOPs each
    /// role had come from the manifest's `roles/<role>/<sop>.html` lines, and changes in place
    /// cannot be told. Both are untrusted: at most 2 MiB, strict JSON shape, ids checked.
    public static func read(from url: URL) -> Result<HandbookVersion, ReadError> {
        let shown = url.path
        let data: Data
        switch readFile(url.path, followLinks: true) {
        case .success(let bytes): data = bytes
        case .failure(let error): return .failure(ReadError(description: "\(shown): \(error.description)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ReadError(description: "\(shown): not UTF-8 text"))
        }
        if text.hasPrefix(OutputManifest.header) {
            switch OutputManifest.parse(text) {
            case .failure(let error):
                return .failure(ReadError(description: "\(shown): not a manifest sopgen can read (\(error))"))
            case .success(let manifest):
                if manifest.files.contains(fileName) {
                    let sibling = url.deletingLastPathComponent().appendingPathComponent(fileName).path
                    if case .success(let bytes) = readFile(sibling, followLinks: false),
                       case .success(let version) = decode(bytes, shown: sibling) {
                        return .success(version)
                    }
                }
                return .success(fromManifest(manifest))
            }
        }
        return decode(data, shown: shown)
    }

    /// The SOPs a build wrote, and for which roles, from its file list alone: every SOP has a
    /// trainer view `sops/<id>.html`, and `roles/<role>/<id>.html` for each role that reads it.
    static func fromManifest(_ manifest: OutputManifest) -> HandbookVersion {
        var roles: [String: [String]] = [:]
        for path in manifest.files {
            let parts = PathText.components(path)
            if parts.count == 2, parts[0] == "sops", parts[1].hasSuffix(".html"), Identifier.isValid(String(parts[1].dropLast(5))) {
                roles[String(parts[1].dropLast(5)), default: []] += []
            }
        }
        for path in manifest.files {
            let parts = PathText.components(path)
            guard parts.count == 3, parts[0] == "roles", parts[2].hasSuffix(".html"), Identifier.isValid(parts[1]) else { continue }
            let id = String(parts[2].dropLast(5))
            if roles[id] != nil { roles[id]!.append(parts[1]) }
        }
        return HandbookVersion(inputs: nil, date: nil,
                               sops: roles.map { Entry(id: $0.key, title: nil, hash: nil, lastReviewed: nil, roles: $0.value.sorted()) }
                                   .sorted { $0.id < $1.id })
    }

    static func decode(_ data: Data, shown: String) -> Result<HandbookVersion, ReadError> {
        let version: HandbookVersion
        do {
            version = try JSONDecoder().decode(HandbookVersion.self, from: data)
        } catch {
            return .failure(ReadError(description: "\(shown): not a handbook version file or a .sopgen-manifest"))
        }
        guard version.format == formatName, version.formatVersion == 1 else {
            return .failure(ReadError(description: "\(shown): format '\(version.format)' version \(version.formatVersion); expected '\(formatName)' version 1"))
        }
        for entry in version.sops {
            if let problem = Identifier.problem(with: entry.id) {
                return .failure(ReadError(description: "\(shown): SOP id \(Identifier.quoted(entry.id)): \(problem)"))
            }
            for role in entry.roles where !Identifier.isValid(role) {
                return .failure(ReadError(description: "\(shown): role id \(Identifier.quoted(role)) is not an id"))
            }
        }
        guard Set(version.sops.map(\.id)).count == version.sops.count else {
            return .failure(ReadError(description: "\(shown): an SOP is listed twice"))
        }
        return .success(version)
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func readFile(_ path: String, followLinks: Bool) -> Result<Data, ReadError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return .failure(ReadError(description: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(ReadError(description: "not a regular file"))
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failure(ReadError(description: String(cString: strerror(errno)))) }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            guard data.count <= PackLoader.maximumFileSize else { return .failure(ReadError(description: "larger than 2 MiB")) }
        }
        return .success(data)
    }
}
