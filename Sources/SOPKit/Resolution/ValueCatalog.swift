import GFM
/// The values an SOP can name with `{{…}}`, and what each is in a given view.
public enum ValueCatalog {
    public static let packValues = ["pack.title", "pack.organisation"]
    public static let siteValues = ["site.id", "site.name", "site.setup_owner", "site.production_url", "site.staging_url",
                                    "site.sophmate_version", "site.wordpress_version", "site.php_version",
                                    "site.active_theme", "site.support_owner", "site.rollback_path"]
    public static let roleValues = ["role.id", "role.name", "role.escalates_to"]
    public static let sopValues = ["sop.id", "sop.title", "sop.owner"]
    public static let all = packValues + siteValues + roleValues + sopValues

    /// Values that do not depend on the reader's role.
    static func shared(pack: Pack, site: Site?) -> [String: String] {
        var values = ["pack.title": pack.settings.title, "pack.organisation": pack.settings.organisation]
        if let site {
            for (name, value) in siteRecord(site) {
                values[name] = value ?? "(not recorded)"
            }
        }
        return values
    }

    /// Each `site.…` value `site`'s record lacks; every one without a site.
    static func lacked(by site: Site?) -> Set<String> {
        guard let site else { return Set(siteValues) }
        return Set(siteRecord(site).compactMap { $0.value == nil ? $0.key : nil })
    }

    /// What the values in `lacked` decide of a link built from them (`destination`, with value
    /// tokens, from `markdown`; `values` filled in): the file it leads to, only the heading, or
    /// nothing (a query, or none of them used). Their `missing-site-value` (or `no-site`) is the
    /// cause; what they decide is its consequence, not reported again.
    static func lackedPart(of destination: String, in markdown: ExpandedMarkdown, values: [String: String],
                           lacked: Set<String>, from path: String) -> LinkPart? {
        guard !lacked.isEmpty, destination.unicodeScalars.contains(GFMReserved.tokenStart) else { return nil }
        var other = values
        for name in lacked { other[name] = "\u{E000}" + (values[name] ?? "") }
        let written = LinkTarget(markdown.substitute(destination, values: values), from: path)
        let otherwise = LinkTarget(markdown.substitute(destination, values: other), from: path)
        switch (written, otherwise) {
        case (.sop(let path, let fragment), .sop(let otherPath, let otherFragment)):
            if path != otherPath { return .file }
            return fragment != otherFragment ? .fragment : nil
        case (.samePage(let fragment), .samePage(let otherFragment)):
            return fragment != otherFragment ? .fragment : nil
        case (.external, .external):
            return nil
        default:
            return .file
        }
    }

    enum LinkPart: Sendable { case file, fragment }

    /// Whether `destination` (with value tokens, from `markdown`) is written as a link to an SOP
    /// (`b-{{site.id}}.md`) but, with `values` filled in, is not one: a value holding `?`, `#` or
    /// a scheme (`shop?v=2`) turns it into a query, a heading or a web address. It leads nowhere,
    /// so it is a `broken-link`, not a link left as written.
    static func leavesSOP(_ destination: String, in markdown: ExpandedMarkdown, values: [String: String], from path: String) -> Bool {
        guard destination.unicodeScalars.contains(GFMReserved.tokenStart),
              case .sop = LinkTarget(markdown.substitute(destination, values: plainValues), from: path) else { return false }
        let filled = markdown.substitute(destination, values: values)
        if case .sop = LinkTarget(filled, from: path) { return false }
        // A destination that starts with a value that is a web address (`{{site.production_url}}/a.md`)
        // is that address.
        return !(destination.unicodeScalars.first == GFMReserved.tokenStart && LinkTarget.hasScheme(filled.utf8))
    }

    /// Every value as a plain word, to read a destination as it is written.
    private static let plainValues = Dictionary(uniqueKeysWithValues: all.map { ($0, "v") })

    /// Each `site.…` value of a site record; nil where the record lacks it.
    static func siteRecord(_ site: Site) -> [String: String?] {
        ["site.id": site.id, "site.name": site.name, "site.setup_owner": site.setupOwner,
         "site.production_url": site.productionURL, "site.staging_url": site.stagingURL,
         "site.sophmate_version": site.sophmateVersion, "site.wordpress_version": site.wordpressVersion,
         "site.php_version": site.phpVersion, "site.active_theme": site.activeTheme?.summary,
         "site.support_owner": site.supportOwner, "site.rollback_path": site.rollbackSummary]
    }

    static func forSOP(_ sop: SOP, pack: Pack) -> [String: String] {
        ["sop.id": sop.id, "sop.title": sop.title,
         "sop.owner": sop.owner.map { pack.role($0.value)?.name ?? $0.value } ?? "(no owner)"]
    }

    static func forRole(_ role: Role?, pack: Pack) -> [String: String] {
        guard let role else {
            return ["role.id": "‹role›", "role.name": "‹your role›", "role.escalates_to": "‹your escalation contact›"]
        }
        let target = role.escalatesTo.map { pack.role($0.value)?.name ?? $0.value } ?? "nobody (top of the chain)"
        return ["role.id": role.id, "role.name": role.name, "role.escalates_to": target]
    }
}
