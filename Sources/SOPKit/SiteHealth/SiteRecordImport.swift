import Foundation
import Yams

/// Fills a site record (`sites/<id>.yml`) from a Site Health report. Every field the report does
/// not speak to is kept as written. A value the last import wrote (remembered under
/// `site_health:`) is updated; a value a person wrote is replaced only with `force`.
public struct SiteRecordImport: Sendable {
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var old: String?
        public var new: String
        public var description: String { old.map { "  ~ \(key): \($0) → \(new)" } ?? "  + \(key): \(new)" }
    }

    public struct Conflict: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var recorded: String
        public var imported: String
        public var description: String { "  ! \(key): the record says \(recorded) (written by hand), Site Health says \(imported)" }
    }

    public struct Outcome: Sendable {
        /// The new file text; nil when conflicts stopped the import.
        public var text: String?
        public var changes: [Change]
        public var conflicts: [Conflict]
        public var warnings: [String]
        /// Rollout facts the record still lacks after the import.
        public var missingFacts: [String]
    }

    /// A field the import can set: a text, or the active theme's mapping.
    enum Value: Equatable {
        case text(String)
        case theme([(String, String)])

        static func == (lhs: Value, rhs: Value) -> Bool { lhs.summary == rhs.summary }

        var summary: String {
            switch self {
            case .text(let text): text
            case .theme(let fields): fields.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            }
        }

        var node: Node {
            switch self {
            case .text(let text): Node(text)
            case .theme(let fields): Node(fields.map { (Node($0.0), Node($0.1)) })
            }
        }

        init?(_ node: Node?) {
            guard let node else { return nil }
            if let scalar = node.scalar {
                self = .text(scalar.string)
            } else if case .mapping(let mapping) = node {
                self = .theme(mapping.compactMap { key, value in
                    guard let key = key.scalar?.string, let value = value.scalar?.string else { return nil }
                    return (key, value)
                })
            } else {
                return nil
            }
        }
    }

    public static func apply(_ facts: SiteHealthFacts, to existing: String?, siteID: String, force: Bool) throws -> Outcome {
        let imported = fields(from: facts)
        let document = try existing.flatMap { try Yams.compose(yaml: $0) }
        let current: (String) -> Value? = { Value(document?[$0]) }
        let snapshot: (String) -> Value? = { Value(document?["site_health"]?[$0]) }

        var editor = YAMLTopLevelEditor(existing ?? "# Site record for \(siteID). Facts under site_health: were imported from WordPress Site Health.\nname: \(siteID)\n")
        var changes: [Change] = []
        var conflicts: [Conflict] = []
        for (key, value) in imported {
            let recorded = current(key)
            if recorded == value { continue }
            if let recorded, recorded != snapshot(key), !force {
                conflicts.append(Conflict(key: key, recorded: recorded.summary, imported: value.summary))
                continue
            }
            changes.append(Change(key: key, old: recorded?.summary, new: value.summary))
            editor.set(key, to: try fragment(key, value.node))
        }
        guard conflicts.isEmpty else {
            return Outcome(text: nil, changes: changes, conflicts: conflicts, warnings: facts.warnings, missingFacts: [])
        }
        if !imported.isEmpty {
            let remembered = imported.map { (Node($0.key), $0.value.node) }
            let previous = Value(document?["site_health"]).map(\.summary)
            let next = Value(Node(remembered)).map(\.summary)
            if previous != next { editor.set("site_health", to: try fragment("site_health", Node(remembered))) }
        }
        let text = editor.text
        let decoded = DecodingContext(file: SourceFile(path: "sites/\(siteID).yml", text: text))
        let site = SiteDecoder.decode(decoded)
        let missingFacts = site?.rolloutFacts.filter { $0.value == nil }.map(\.key) ?? []
        return Outcome(text: text, changes: changes, conflicts: [], warnings: facts.warnings, missingFacts: missingFacts)
    }

    /// The record fields the report speaks to, in the record's order.
    static func fields(from facts: SiteHealthFacts) -> [(key: String, value: Value)] {
        var fields: [(String, Value)] = []
        func add(_ key: String, _ value: String?) { if let value { fields.append((key, .text(value))) } }
        add("production_url", facts.productionURL)
        add("staging_url", facts.stagingURL)
        add("environment_type", facts.environmentType)
        add("sophmate_version", facts.sophmateVersion)
        add("sophmate_active", facts.sophmateActive.map { $0 ? "true" : "false" })
        add("wordpress_version", facts.wordpressVersion)
        add("php_version", facts.phpVersion)
        add("woocommerce_version", facts.woocommerceVersion)
        if let theme = facts.theme {
            var themeFields = [("name", theme.name)]
            if let slug = theme.slug { themeFields.append(("slug", slug)) }
            if let version = theme.version { themeFields.append(("version", version)) }
            if let parent = theme.parent { themeFields.append(("parent", parent)) }
            fields.append(("active_theme", .theme(themeFields)))
        }
        return fields
    }

    private static func fragment(_ key: String, _ value: Node) throws -> String {
        try Yams.serialize(node: Node([(Node(key), value)]))
    }
}
