import Foundation

/// The text WordPress copies from Tools → Site Health → Info, in either variant: debug
/// (`### wp-core ###`, `home_url: …`) or plain (`### WordPress ###`, `Home URL: …`), also when it
/// was pasted into Markdown (inside a code fence, indented, or wrapped in backticks), with LF or
/// CRLF line endings and with or without a byte-order mark.
public struct SiteHealthReport: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var key: String
        public var value: String
        public var line: Int
    }

    /// Section slug (`wp-core`) → its fields in order; sub-values (tab-indented) are left out.
    public var sections: [String: [Field]]

    public func value(_ key: String, in section: String) -> Field? {
        sections[section]?.first { $0.key == key }
    }

    /// Plain-variant section labels and the debug slugs they stand for.
    static let sectionSlugs: [String: String] = [
        "wordpress": "wp-core", "active theme": "wp-active-theme", "parent theme": "wp-parent-theme",
        "active plugins": "wp-plugins-active", "inactive plugins": "wp-plugins-inactive", "server": "wp-server",
        "database": "wp-database", "must use plugins": "wp-mu-plugins", "drop-ins": "wp-dropins",
    ]

    public init(parsing text: String) {
        var sections: [String: [Field]] = [:]
        var current: String?
        var baseIndent = 0
        for (offset, line) in TextDecoding.normalised(text).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            var content = line.dropFirst(indent.count)
            // A paste quoted in Markdown: "> ### wp-core ###".
            while content.hasPrefix(">") { content = content.dropFirst().drop { $0 == " " } }
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") || trimmed == "`" || trimmed.isEmpty { continue }
            if trimmed.hasPrefix("###"), trimmed.hasSuffix("###"), trimmed.count > 6 {
                var name = trimmed.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
                if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
                    name = String(name[..<open]).trimmingCharacters(in: .whitespaces)
                }
                let slug = Self.sectionSlugs[name.lowercased()] ?? name.lowercased()
                current = slug
                baseIndent = Self.width(of: indent)
                sections[slug, default: []] = sections[slug] ?? []
                continue
            }
            guard let section = current else { continue }
            // Sub-values ("\tkey: value") sit deeper than the section's own fields.
            if Self.width(of: indent) > baseIndent || content.hasPrefix("\t") { continue }
            guard let colon = trimmed.range(of: ": ") ?? (trimmed.hasSuffix(":") ? trimmed.range(of: ":", options: .backwards) : nil) else { continue }
            let label = String(trimmed[..<colon.lowerBound]).trimmingCharacters(in: .whitespaces)
            let value = String(trimmed[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
            let key = section == "wp-plugins-active" || section == "wp-plugins-inactive" ? label : Self.normalisedKey(label)
            sections[section, default: []].append(Field(key: key, value: value, line: offset + 1))
        }
        self.sections = sections
    }

    var isEmpty: Bool { sections.values.allSatisfy(\.isEmpty) }

    /// Whether the text was Site Health info at all: it has the WordPress or the server section.
    public var isSiteHealth: Bool { sections["wp-core"] != nil || sections["wp-server"] != nil }

    /// `Home URL` → `home_url`, `PHP version` → `php_version`; debug keys stay as they are.
    static func normalisedKey(_ label: String) -> String {
        label.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    private static func width(of indent: Substring) -> Int {
        indent.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
    }
}
