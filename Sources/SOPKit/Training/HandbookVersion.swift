import Crypto
import Foundation

/// What a handbook was at one build: the pack's input hash, its date and each SOP's content hash
/// and readers. Every build writes it as `handbook-version.json`; a sign-off sheet lists what
/// changed since an earlier one (`sopgen build --since`).
public struct HandbookVersion: Sendable, Hashable, Codable {
    public static let fileName = "handbook-version.json"
    public static let formatName = "sopgen-handbook-version"

    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var title: String?
        /// SHA-256 of the SOP's file and its text with snippets pasted in; nil when only a
        /// manifest was given, which names files, not contents.
        public var hash: String?
        public var lastReviewed: String?
        /// The roles whose handbook holds it.
        public var roles: [String]

        enum CodingKeys: String, CodingKey {
            case id, title, hash, roles
            case lastReviewed = "last_reviewed"
        }
    }

    public var format: String = formatName
    public var formatVersion: Int = 1
    /// The pack's input hash (`LoadedPack.inputHash`); nil when read from a manifest.
    public var inputs: String?
    /// The newest `last_reviewed` of the pack's SOPs: the day the handbook's content is as of.
    /// Not the build's day, so the same pack builds to the same bytes on any day.
    public var date: String?
    public var sops: [Entry]

    enum CodingKeys: String, CodingKey {
        case format, inputs, date, sops
        case formatVersion = "format_version"
    }

    /// The version of a resolved pack.
    static func current(_ resolved: ResolvedPack) -> HandbookVersion {
        let readers = Dictionary(grouping: resolved.handbooks.flatMap { handbook in handbook.sopIDs.map { ($0, handbook.role.id) } },
                                 by: \.0).mapValues { $0.map(\.1).sorted() }
        // Hashed on every core, each text read where it lies (not copied into a `Data` first).
        let entries = Parallel.map(resolved.sops.count) { index -> Entry in
            let item = resolved.sops[index]
            var hasher = SHA256()
            var source = resolved.pack.sources[item.sop.path]?.text ?? "", expanded = item.markdown.text
            source.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            hasher.update(data: Data([0]))
            expanded.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            let hash = hasher.finalize().hexDigits
            return Entry(id: item.sop.id, title: item.sop.title, hash: String(hash.prefix(16)),
                         lastReviewed: item.sop.lastReviewed.flatMap { CalendarDate($0.value)?.description },
                         roles: readers[item.sop.id] ?? [])
        }.sorted { $0.id < $1.id }
        let date = entries.compactMap(\.lastReviewed).max()
        return HandbookVersion(inputs: resolved.pack.inputHash, date: date, sops: entries)
    }

    /// The JSON a build writes: keys sorted, one value a line, the same bytes for the same pack.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// "ad058601d4f2 of 2026-11-12", "an earlier build (known by its file list)".
    var label: String {
        guard let inputs else { return "an earlier build (known only by its file list)" }
        return date.map { "\(inputs) of \($0)" } ?? inputs
    }
}

/// What changed in one role's handbook between two versions.
public struct HandbookChanges: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var id: String
        public var title: String
    }

    public var since: String
    public var added: [Item]
    public var changed: [Item]
    public var removed: [Item]
    /// False when the earlier version names files only (a manifest): changes in place are unknown.
    public var knowsChanges: Bool

    public init(role: String, from old: HandbookVersion, to new: HandbookVersion) {
        let before = Dictionary(old.sops.filter { $0.roles.contains(role) }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = new.sops.filter { $0.roles.contains(role) }
        let afterIDs = Set(after.map(\.id))
        since = old.label
        added = after.filter { before[$0.id] == nil }.map { Item(id: $0.id, title: $0.title ?? $0.id) }
        changed = after.filter { entry in
            guard let earlier = before[entry.id], let was = earlier.hash, let now = entry.hash else { return false }
            return was != now
        }.map { Item(id: $0.id, title: $0.title ?? $0.id) }
        removed = before.values.filter { !afterIDs.contains($0.id) }.sorted { $0.id < $1.id }
            .map { Item(id: $0.id, title: $0.title ?? $0.id) }
        knowsChanges = old.sops.allSatisfy { $0.hash != nil }
    }
}
