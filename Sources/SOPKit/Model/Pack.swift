/// A decoded pack: everything the later stages need, with source positions kept for diagnostics.
public struct Pack: Sendable {
    public var settings: PackSettings
    public var roles: [Role]
    public var policies: [Policy]
    public var sites: [Site]
    public var sops: [SOP]
    public var snippets: [String: Template]
    public var checklists: [Checklist] = []
    public var playbooks: [Playbook] = []
    public var automations: [Automation] = []
    /// `people.yml`, when the pack has one.
    public var people: People?
    /// `reviews/<date>.yml`: what earlier `sopgen review --record` runs flagged.
    public var reviews: [ReviewRecord] = []
    /// `reviews/triggers.yml`: hosting and provider changes that make SOPs with `review_on:` due.
    public var reviewTriggers: [ReviewTrigger] = []
    /// A short SHA-256 of every input file, printed on checklists so a signed sheet can be matched
    /// to the exact pack it came from.
    public var inputHash: String = ""
    /// Template overrides from the pack's own `templates/` folder, by file name.
    public var templates: [String: SourceFile]
    /// The default theme with those overrides, compiled; its problems are reported by the render stage.
    var theme: ThemeLibrary = .empty
    /// Every file read, for diagnostics that quote a source line.
    public var sources: [String: SourceFile]
    /// Pack files that are missing or had errors: names they define may be absent, so checks that
    /// would only repeat that error elsewhere ("unknown role" everywhere) are skipped.
    public var brokenFiles: Set<String> = []
    /// Every name the pack declares, also where the definition is broken: what validation checks
    /// references against, so that one broken definition is one error.
    public var declared = DeclaredNames()

    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
    public func site(_ id: String) -> Site? { sites.first { $0.id == id } }
    public func sop(_ id: String) -> SOP? { sops.first { $0.id == id } }

    /// The site the handbook speaks about: the pack's default, or its only site.
    public var defaultSite: Site? {
        if let id = settings.defaultSite?.value { return site(id) }
        return sites.count == 1 ? sites.first : nil
    }
}
