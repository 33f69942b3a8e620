import Foundation
import Yams

/// Fills a site record (`sites/<id>.yml`) from a Site Health report. Every field the report does
/// not speak to is kept as written. A value the last import wrote (remembered under
/// `site_health:`) is updated; a value a person wrote is replaced only with `force`. A report
/// from the staging site fills `staging_url` only; one that matches neither of the record's
/// sites is refused without `force`.
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
        public var description: String {
            "  ! \(key): the record says \(recorded) (written by hand), Site Health says \(imported)"
        }
    }

    public struct Outcome: Sendable {
        /// The new file text; nil when conflicts or a mismatch stopped the import.
        public var text: String?
        public var scope: ReportScope?
        public var mismatch: ReportScope.Mismatch?
        public var changes: [Change]
        public var conflicts: [Conflict]
        public var warnings: [String]
        /// Rollout facts the record still lacks after the import.
        public var missingFacts: [String]
    }

    public static func apply(
        _ facts: SiteHealthFacts, to existing: String?, siteID: String,
        force: Bool
    ) throws(YAMLEditError) -> Outcome {
        let path = "sites/\(siteID).yml"
        let header = "# Site record for \(siteID). Facts under site_health: were imported from WordPress Site Health.\n"
        var editor = try YAMLRecordEditor(existing ?? header, path: path)
        // An id such as `null`, `yes` or `2026` is a text: the editor writes it so.
        if existing == nil { editor.set("name", to: YAMLValue.text(siteID)) }
        let current: (String) -> SiteRecordValue? = { SiteRecordValue(editor.value($0)) }
        let snapshot = editor.value("site_health")?.mapping
        let remembered: (String) -> SiteRecordValue? = { SiteRecordValue(snapshot?[$0]) }

        let record = ReportScope.Record(
            productionURL: current(SiteField.productionURL.rawValue)?.text, stagingURL: current(SiteField.stagingURL.rawValue)?.text,
            environmentType: current(SiteField.environmentType.rawValue)?.text)
        let scope: ReportScope
        switch ReportScope.of(facts, for: record) {
        case .success(let matched):
            scope = matched
        case .failure(let mismatch):
            guard force else {
                return Outcome(
                    text: nil, scope: nil, mismatch: mismatch, changes: [], conflicts: [], warnings: [],
                    missingFacts: [])
            }
            scope = mismatch.forcedScope
        }
        var (imported, warnings) = fields(from: facts, scope: scope, record: record)
        warnings = (scope == .production ? facts.warnings : []) + warnings

        var changes: [Change] = []
        var conflicts: [Conflict] = []
        for (field, value) in imported {
            let key = field.rawValue
            let recorded = current(key)
            if recorded == value { continue }
            if let recorded, recorded != remembered(key), !force {
                conflicts.append(Conflict(key: key, recorded: recorded.summary, imported: value.summary))
                continue
            }
            changes.append(Change(key: key, old: recorded?.summary, new: value.summary))
            editor.set(key, to: value.node)
        }
        guard conflicts.isEmpty else {
            return Outcome(
                text: nil, scope: scope, mismatch: nil, changes: changes, conflicts: conflicts, warnings: warnings,
                missingFacts: [])
        }
        if !imported.isEmpty {
            // The last import's values, updated with this one's: a staging import keeps production's.
            var entries = snapshot.map { $0.map { ($0.key, $0.value) } } ?? []
            for (field, value) in imported {
                let key = field.rawValue
                if let index = entries.firstIndex(where: { $0.0.scalar?.string == key }) {
                    entries[index].1 = value.node
                } else {
                    entries.append((YAMLValue.text(key), value.node))
                }
            }
            if snapshot.map({ Node.mapping($0) }) != Node(entries) { editor.set("site_health", to: Node(entries)) }
        }
        let text = try editor.text()
        let site = SiteDecoder.decode(
            DecodingContext(file: SourceFile(path: path, text: TextDecoding.normalised(text))))
        let missingFacts = site?.rolloutFacts.filter { $0.value == nil }.map(\.field.rawValue) ?? []
        return Outcome(
            text: text, scope: scope, mismatch: nil, changes: changes, conflicts: [], warnings: warnings,
            missingFacts: missingFacts)
    }

    /// The record fields the report speaks to, in the record's order, for the site it describes.
    /// A value check would refuse (an address that is not a web address, production on http, a
    /// version that is not one) is left out with a warning rather than written.
    static func fields(
        from facts: SiteHealthFacts, scope: ReportScope,
        record: ReportScope.Record
    ) -> (fields: [(field: SiteField, value: SiteRecordValue)], warnings: [String]) {
        var fields: [(SiteField, SiteRecordValue)] = []
        var warnings: [String] = []
        func add(_ field: SiteField, _ value: String?) {
            guard let value else { return }
            if field.isURL, let problem = SiteChecks.urlProblem(field, value, at: SourceLocation(path: "sites")) {
                warnings.append("\(field.rawValue) not recorded: \(problem.message)")
            } else if field.isVersion, !SiteChecks.isVersion(value) {
                warnings.append("\(field.rawValue) not recorded: '\(value)' is not a version like 8.2.28")
            } else {
                fields.append((field, .text(value)))
            }
        }
        let url = facts.homeURL
        guard scope == .production else {
            add(.stagingURL, url)
            return (fields, warnings)
        }
        let isProduction =
            facts.environmentType?.lowercased() == "production"
            || (url != nil
                && record.productionURL.map { SiteChecks.normalised($0) } == url.map { SiteChecks.normalised($0) })
        if isProduction {
            add(.productionURL, url)
        } else if url != nil {
            warnings.append(
                "the report has a home URL but no environment type, so it is not recorded as production or staging")
        }
        add(.environmentType, facts.environmentType)
        add(.language, facts.language)
        add(.timeZone, facts.timeZone)
        add(.sophmateVersion, facts.sophmateVersion)
        if let active = facts.sophmateActive { fields.append((.sophmateActive, .flag(active))) }
        add(.wordpressVersion, facts.wordpressVersion)
        add(.phpVersion, facts.phpVersion)
        add(.woocommerceVersion, facts.woocommerceVersion)
        if let theme = facts.theme {
            var themeFields = [("name", theme.name)]
            if let slug = theme.slug { themeFields.append(("slug", slug)) }
            if let version = theme.version { themeFields.append(("version", version)) }
            if let parent = theme.parent { themeFields.append(("parent", parent)) }
            fields.append((.activeTheme, .theme(themeFields)))
        }
        return (fields, warnings)
    }
}
