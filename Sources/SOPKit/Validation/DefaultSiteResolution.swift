/// Which site the handbook speaks about, as far as checks can tell. When the pack names a site that
/// cannot be read (a typo in `default_site`, a site file with errors, a broken sopgen.yml), that
/// cause is reported once and checks that depend on the site do not guess.
enum DefaultSiteResolution {
    /// The site, or for a misspelt `default_site` the declared site it most likely means.
    case site(Site)
    /// The pack has no default site: no `default_site`, and not exactly one site record.
    case none
    /// A site is meant but cannot be read; its own diagnostic says why.
    case unknown

    init(_ pack: Pack, declared: DeclaredNames) {
        if let site = pack.defaultSite {
            self = .site(site)
        } else if pack.brokenFiles.contains("sopgen.yml") || declared.incomplete.contains(.site) {
            self = .unknown
        } else if let name = pack.settings.defaultSite?.value {
            let meant = declared.sites.contains(name) ? nil : Suggestion.nearest(to: name, in: declared.sites.sorted())
            self = meant.flatMap { pack.site($0) }.map { .site($0) } ?? .unknown
        } else if declared.sites.count == 1, pack.sites.isEmpty {
            self = .unknown
        } else {
            self = .none
        }
    }
}

extension DefaultSiteResolution {
    /// Whether the site documents a rollback path; a site that cannot be read is given the benefit
    /// of the doubt (its own diagnostic comes first).
    var documentsRollback: Bool {
        switch self {
        case .site(let site): site.rollbackSummary != nil
        case .none: false
        case .unknown: true
        }
    }
}
