import Foundation
import Yams

/// `exports/register.yml` in the exporting pack: what it exported, so the agency can trace a
/// bundle's pseudonym back to its source site (pseudonym → source site, playbook, date, version,
/// checksum, receiving site when known). It is written by `sopgen playbook export` beside the
/// pack's own files and never read by export, so nothing in it can reach a bundle. Entries are
/// appended; exporting the same bundle again adds nothing. A register that sopgen did not start
/// (no header line) is never changed.
public struct ExportRegister: Sendable {
    public struct Entry: Sendable, Hashable {
        public var pseudonym: String
        public var playbook: String
        public var sourceSite: String
        public var date: String
        public var version: String
        public var checksum: String
        public var receivingSite: String?
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notWrittenBySopgen
        case unreadable(String)
        case file(PackFileError)

        public var description: String {
            switch self {
            case .notWrittenBySopgen: "\(ExportRegister.path) was not started by sopgen playbook export; it is left as it is"
            case .unreadable(let why): "\(ExportRegister.path) cannot be read back: \(why)"
            case .file(let error): error.description
            }
        }
    }

    public static let folder = "exports"
    public static let name = "register.yml"
    public static var path: String { "\(folder)/\(name)" }
    static let header = "# Written by sopgen playbook export: what this pack exported, for the agency only. Never part of a bundle.\n"
    static let keys = ["pseudonym", "playbook", "source_site", "date", "version", "checksum", "receiving_site"]

    public let packRoot: URL

    public init(packRoot: URL) {
        self.packRoot = packRoot
    }

    private var store: PackFileStore { PackFileStore(root: packRoot, folder: Self.folder) }

    /// The entries recorded so far.
    public func entries() throws(Failure) -> [Entry] {
        guard let text = try existingText() else { return [] }
        return try Self.entries(in: text)
    }

    /// Appends `entry` unless the register already holds the same export; returns whether it wrote.
    @discardableResult
    public func record(_ entry: Entry) throws(Failure) -> Bool {
        let existing = try existingText()
        if let existing, try Self.entries(in: existing).contains(where: { $0.checksum == entry.checksum && $0.receivingSite == entry.receivingSite }) {
            return false
        }
        var text = existing ?? Self.header + "exports:\n"
        if !text.hasSuffix("\n") { text += "\n" }
        text += try Self.yaml(entry)
        // Read back: the old entries and the new one, exactly.
        let before = try existing.map(Self.entries(in:)) ?? []
        guard try Self.entries(in: text) == before + [entry] else { throw .unreadable("the new entry would not read back as written") }
        do { try store.replace(Self.name, with: Data(text.utf8)) } catch { throw .file(error) }
        return true
    }

    private func existingText() throws(Failure) -> String? {
        let data: Data?
        do { data = try store.contents(of: Self.name) } catch { throw .file(error) }
        guard let data else { return nil }
        guard case .success(let text) = TextDecoding.decode(data) else { throw .unreadable("not UTF-8 text") }
        guard text.hasPrefix(Self.header) else { throw .notWrittenBySopgen }
        return text
    }

    static func yaml(_ entry: Entry) throws(Failure) -> String {
        var fields: [(Node, Node)] = [("pseudonym", entry.pseudonym), ("playbook", entry.playbook), ("source_site", entry.sourceSite),
                                      ("date", entry.date), ("version", entry.version), ("checksum", entry.checksum)]
            .map { (YAMLValue.text($0.0), YAMLValue.text($0.1)) }
        if let receiving = entry.receivingSite { fields.append((YAMLValue.text("receiving_site"), YAMLValue.text(receiving))) }
        do {
            let item = try Yams.serialize(node: Node([Node(fields)]), width: -1, allowUnicode: true)
            return item
        } catch {
            throw .unreadable("\(error)")
        }
    }

    static func entries(in text: String) throws(Failure) -> [Entry] {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw .unreadable("invalid YAML") }
        guard let items = node?.mapping?["exports"]?.sequence else { throw .unreadable("it has no exports: list") }
        return try items.map { item throws(Failure) in
            guard let mapping = item.mapping else { throw .unreadable("an entry that is not a mapping") }
            func value(_ key: String) -> String? { mapping[key]?.scalar?.string }
            guard let pseudonym = value("pseudonym"), let playbook = value("playbook"), let source = value("source_site"),
                  let date = value("date"), let version = value("version"), let checksum = value("checksum") else {
                throw .unreadable("an entry without pseudonym, playbook, source_site, date, version or checksum")
            }
            return Entry(pseudonym: pseudonym, playbook: playbook, sourceSite: source, date: date, version: version, checksum: checksum,
                         receivingSite: value("receiving_site"))
        }
    }
}
