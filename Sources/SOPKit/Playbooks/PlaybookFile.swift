import Foundation

/// `playbooks/<id>.yml` in a pack, as import and promote read and write it, through the pack's one
/// file store (`PackFileStore`): `playbooks/` must be a real folder inside the pack, the file a
/// regular file or absent, and a replacement is atomic and never goes through a link.
public struct PlaybookFile: Sendable {
    public let packRoot: URL
    public let id: String

    public init(packRoot: URL, id: String) {
        self.packRoot = packRoot
        self.id = id
    }

    public var path: String { "playbooks/\(id).yml" }

    private var store: PackFileStore { PackFileStore(root: packRoot, folder: "playbooks") }

    /// The text there now; nil when there is no file, "" when it is not UTF-8 text.
    public func existingText() throws(PlaybookError) -> String? {
        let data: Data?
        do { data = try store.contents(of: "\(id).yml") } catch { throw .unsafePath(error.description) }
        guard let data else { return nil }
        guard case .success(let text) = TextDecoding.decode(data) else { return "" }
        return text
    }

    public func write(_ text: String) throws(PlaybookError) {
        guard Identifier.isValid(id) else { throw .unsafePath("'\(id)' cannot name a file in playbooks/") }
        do { try store.replace("\(id).yml", with: Data(text.utf8)) } catch { throw .unsafePath(error.description) }
    }
}
