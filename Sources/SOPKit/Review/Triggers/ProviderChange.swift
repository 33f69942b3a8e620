import Foundation
import Yams

/// The automatic `provider-change`: `site import` remembers each site record's AI providers in
/// `reviews/providers.yml` (a file only sopgen writes), and when the record names other providers
/// than it remembered (someone edited `providers:`), it records a `provider-change` in
/// `reviews/triggers.yml` with what was replaced. The first import only remembers.
enum ProviderChange {
    static let fileName = "providers.yml"
    static let path = "reviews/providers.yml"
    static let header = "# Written by `sopgen site import`: each site's AI providers as last imported, so a change is recorded\n"
        + "# as a provider-change in reviews/triggers.yml. Do not edit.\n"

    /// The record's providers as sopgen names them: `OpenAI gpt-4.1-mini`.
    static func providers(in record: String, path: String) -> [String]? {
        guard let site = SiteDecoder.decode(DecodingContext(file: SourceFile(path: path, text: record))) else { return nil }
        return site.providers.map { provider in [provider.name, provider.model].compactMap { $0 }.joined(separator: " ") }
    }

    /// What changed, in words: `OpenAI gpt-4.1-mini replaced by Anthropic claude-haiku`, or what
    /// was added or removed.
    static func changes(from old: [String], to new: [String]) -> [String] {
        let removed = old.filter { !new.contains($0) }
        let added = new.filter { !old.contains($0) }
        if !removed.isEmpty, !added.isEmpty {
            return ["\(removed.joined(separator: ", ")) replaced by \(added.joined(separator: ", "))"]
        }
        return removed.map { "\($0) removed" } + added.map { "\($0) added" }
    }

    /// The remembered providers by site, or nil when the file is not sopgen's (then nothing is
    /// compared, and nothing written over it).
    static func decode(_ text: String) -> [String: [String]]? {
        guard text.hasPrefix(header) else { return nil }
        guard let node = try? Yams.compose(yaml: text), case .mapping(let mapping) = node else { return [:] }
        var sites: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let site = key.string, case .sequence(let items) = value else { continue }
            sites[site] = items.compactMap(\.string)
        }
        return sites
    }

    static func encode(_ sites: [String: [String]]) -> String {
        let node = Node(sites.keys.sorted().map { site in
            (YAMLValue.text(site), Node(sites[site]!.map(YAMLValue.text), Tag(.seq)))
        })
        return header + ((try? Yams.serialize(node: node, width: -1, allowUnicode: true)) ?? "")
    }

    /// Compares the record's providers with the remembered ones; records a `provider-change` dated
    /// `today` when they differ, and remembers the record's. Returns the changes recorded.
    static func record(site id: String, record: String, path: String, today: CalendarDate, packRoot: URL) throws(PackFileError) -> [String] {
        guard let current = providers(in: record, path: path) else { return [] }
        let reviews = PackFileStore(root: packRoot, folder: "reviews")
        let text = try reviews.contents(of: fileName).map { String(decoding: $0, as: UTF8.self) }
        guard var sites = text.map(decode) ?? [:] else { return [] }
        let before = sites[id]
        guard before != current else { return [] }
        var changes: [String] = []
        if let before {
            changes = Self.changes(from: before, to: current)
            if !changes.isEmpty {
                let old = try reviews.contents(of: ReviewTriggerLog.fileName).map { String(decoding: $0, as: UTF8.self) }
                let log = ReviewTriggerLog.appending(kind: .providerChange, date: today, site: id, changes: changes, to: old)
                try reviews.replace(ReviewTriggerLog.fileName, with: Data(log.utf8))
            }
        }
        sites[id] = current
        try reviews.replace(fileName, with: Data(encode(sites).utf8))
        return changes
    }
}
