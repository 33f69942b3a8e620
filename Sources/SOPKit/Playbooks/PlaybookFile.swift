import Foundation

/// `playbooks/<id>.yml` in a pack, as import and promote read and write it: `playbooks/` must be
/// the pack's own folder (not a link out of it) and the file a regular file or absent. Writes
/// never follow a link (`SafeFile`).
public struct PlaybookFile: Sendable {
    public let packRoot: URL
    public let id: String

    public init(packRoot: URL, id: String) {
        self.packRoot = packRoot
        self.id = id
    }

    public var path: String { "playbooks/\(id).yml" }

    var folder: String { packRoot.appendingPathComponent("playbooks").path }
    var file: String { packRoot.appendingPathComponent(path).path }

    /// The text there now; nil when there is no file.
    public func existingText() throws(PlaybookError) -> String? {
        guard try checkedFolder(create: false) else { return nil }
        switch try kind(of: file) {
        case nil: return nil
        case .regular?: break
        case .symbolicLink?: throw .unsafePath("\(path) is a symbolic link; sopgen reads and writes only files inside playbooks/")
        case .folder?, .other?: throw .unsafePath("\(path) is not a regular file")
        }
        let data: Data
        do { data = try SafeFile.read(file, limit: PackLoader.maximumFileSize) } catch { throw .unsafePath(error.description) }
        guard case .success(let text) = TextDecoding.decode(data) else { return "" }
        return text
    }

    public func write(_ text: String) throws(PlaybookError) {
        guard !id.isEmpty, !id.contains("/"), id != ".", id != ".." else { throw .unsafePath("'\(id)' cannot name a file in playbooks/") }
        _ = try checkedFolder(create: true)
        do { try SafeFile.replace(file, with: Data(text.utf8)) } catch { throw .unsafePath(error.description) }
    }

    private func kind(of path: String) throws(PlaybookError) -> SafeFile.Kind? {
        do { return try SafeFile.kind(at: path) } catch { throw .unsafePath(error.description) }
    }

    /// Whether `playbooks/` exists; a link or a file there is refused.
    private func checkedFolder(create: Bool) throws(PlaybookError) -> Bool {
        switch try kind(of: folder) {
        case .folder?:
            return true
        case nil:
            guard create else { return false }
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                throw .unsafePath("cannot create playbooks/: \(String(cString: strerror(errno)))")
            }
            return try checkedFolder(create: false)
        case .symbolicLink?:
            throw .unsafePath("playbooks/ is a symbolic link; sopgen writes only into the pack's own playbooks folder")
        case .regular?, .other?:
            throw .unsafePath("playbooks is not a folder")
        }
    }
}
