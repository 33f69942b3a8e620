/// The record of one WordPress site: the seven rollout facts and who owns what.
public struct Site: Sendable, Hashable, Identifiable {
    public struct Theme: Sendable, Hashable {
        public var name: String
        public var slug: String?
        public var version: String?
        public var parent: String?

        public var summary: String {
            var text = name
            if let slug { text += " (\(slug))" }
            if let version { text += " \(version)" }
            if let parent { text += ", child of \(parent)" }
            return text
        }
    }

    public struct Provider: Sendable, Hashable {
        public var name: String
        public var model: String?
        /// Who holds the credentials; sopgen never stores the credentials themselves.
        public var credentialsOwner: String?
    }

    public var id: String
    public var name: String
    public var setupOwner: String?
    public var productionURL: String?
    public var stagingURL: String?
    public var sophmateVersion: String?
    public var wordpressVersion: String?
    public var phpVersion: String?
    public var woocommerceVersion: String?
    public var activeTheme: Theme?
    /// False when Site Health showed SophMate installed but not active; nil when unknown.
    public var sophmateActive: Bool?
    public var environmentType: String?
    /// The language products and replies are written in, e.g. `en-GB`.
    public var language: String?
    /// The site's time zone as WordPress settings give it: `Europe/London`, `UTC+1`.
    public var timeZone: String?
    public var providers: [Provider] = []
    public var knowledgeBaseSources: [String] = []
    public var orderStatuses: [String] = []
    public var couponRules: [String] = []
    public var supportOwner: String?
    /// What is backed up and how, and who restores it.
    public var backup: String?
    public var restoredBy: String?
    public var rollbackPath: String?
    public var location: SourceLocation
    /// Where each field was written.
    public var fieldLocations: [SiteField: SourceLocation] = [:]
    /// Where `active_theme`'s `version` was written, when the theme is a mapping with one.
    public var themeVersionLocation: SourceLocation?

    /// The facts the seed asks to record before rollout, with their fields, in its order.
    public var rolloutFacts: [(field: SiteField, label: String, value: String?)] {
        [
            (.setupOwner, "Setup owner", setupOwner),
            (.productionURL, "Production URL", productionURL),
            (.stagingURL, "Staging URL", stagingURL),
            (.sophmateVersion, "SophMate version", sophmateVersion),
            (.wordpressVersion, "WordPress version", wordpressVersion),
            (.phpVersion, "PHP version", phpVersion),
            (.activeTheme, "Active theme", activeTheme?.summary),
        ]
    }

    /// The text of a URL or version field; nil for the others and where the record lacks it.
    public func text(of field: SiteField) -> String? {
        switch field {
        case .productionURL: productionURL
        case .stagingURL: stagingURL
        case .sophmateVersion: sophmateVersion
        case .wordpressVersion: wordpressVersion
        case .phpVersion: phpVersion
        case .woocommerceVersion: woocommerceVersion
        default: nil
        }
    }

    /// The rollback or support path as one line: the written path, or backup and restorer.
    public var rollbackSummary: String? {
        if let rollbackPath { return rollbackPath }
        switch (backup, restoredBy) {
        case let (backup?, restorer?): return "\(backup); restored by \(restorer)"
        case let (backup?, nil): return backup
        case let (nil, restorer?): return "Restored by \(restorer)"
        case (nil, nil): return nil
        }
    }
}
