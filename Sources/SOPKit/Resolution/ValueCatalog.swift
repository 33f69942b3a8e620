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

    /// Each `site.…` value `site`'s record lacks (every one without a site) as a mark no text holds
    /// otherwise: a link whose destination, substituted with these, holds the mark is built from a
    /// value the site lacks. Its `missing-site-value` (or `no-site`) is the cause; where the link
    /// leads is its consequence, not reported again (`lacksValue`).
    static func lackedMarks(_ site: Site?) -> [String: String] {
        guard let site else { return Dictionary(uniqueKeysWithValues: siteValues.map { ($0, "\u{0}") }) }
        return siteRecord(site).compactMapValues { $0 == nil ? "\u{0}" : nil }
    }

    /// Whether `destination` (with value tokens, from `markdown`) is built from a value `marks`
    /// (`lackedMarks`) names.
    static func lacksValue(_ destination: String, in markdown: ExpandedMarkdown, marks: [String: String]) -> Bool {
        !marks.isEmpty && destination.unicodeScalars.contains(GFMReserved.tokenStart)
            && markdown.substitute(destination, values: marks).contains("\u{0}")
    }

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
