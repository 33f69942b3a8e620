/// Which of a record's two sites a Site Health report describes. A record holds the production
/// site's facts (versions, theme, SophMate) and the staging site's address; a staging report
/// therefore fills `staging_url` only, and a report that matches neither site is refused
/// unless the import is forced.
public enum ReportScope: String, Sendable {
    case production, staging

    /// What the record says about itself, as read before the import.
    struct Record {
        var productionURL: String?
        var stagingURL: String?
        var environmentType: String?
    }

    /// The scope, or why the report does not belong to this record (and the scope it would be
    /// imported as with --force).
    static func of(_ facts: SiteHealthFacts, for record: Record) -> Result<ReportScope, Mismatch> {
        let environment = facts.environmentType?.lowercased()
        let byEnvironment: ReportScope = environment == "staging" ? .staging : .production
        func mismatch(_ reason: String) -> Result<ReportScope, Mismatch> {
            .failure(Mismatch(reason: reason, forcedScope: byEnvironment))
        }
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b else { return false }
            return SiteChecks.normalised(a) == SiteChecks.normalised(b)
        }
        if let environment, !["production", "staging"].contains(environment) {
            return mismatch(
                "Site Health says this is a \(environment) site; a record holds production and staging facts only")
        }
        let url = facts.homeURL
        if same(url, record.productionURL) {
            guard byEnvironment == .production else {
                return mismatch(
                    "Site Health says this is a staging site, but its address is the record's production_url")
            }
            return .success(.production)
        }
        if same(url, record.stagingURL) {
            guard environment == nil || byEnvironment == .staging else {
                return mismatch(
                    "Site Health says this is a production site, but its address is the record's staging_url")
            }
            return .success(.staging)
        }
        if let url {
            switch byEnvironment {
            case .production:
                if let production = record.productionURL {
                    return mismatch("the report is for \(url), but the record's production_url is \(production)")
                }
                if environment == nil, let staging = record.stagingURL {
                    return mismatch(
                        "the report is for \(url), which is neither the record's staging_url (\(staging))"
                            + " nor a production site")
                }
            case .staging:
                if let staging = record.stagingURL {
                    return mismatch(
                        "the report is for the staging site \(url), but the record's staging_url is \(staging)")
                }
            }
        }
        if byEnvironment == .production, environment != nil, let recorded = record.environmentType?.lowercased(),
            recorded != "production"
        {
            return mismatch("the report is from a production site, but the record's environment_type is \(recorded)")
        }
        return .success(byEnvironment)
    }

    public struct Mismatch: Error, Sendable, Hashable {
        public var reason: String
        public var forcedScope: ReportScope
    }
}
