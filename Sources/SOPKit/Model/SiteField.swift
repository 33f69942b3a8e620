/// The top-level keys of a site record (`sites/<id>.yml`), in the order the decoder lists them.
/// Code that asks about a field (its location, whether it is a URL or a version) names it by
/// case, never by its YAML key; the raw value is that key, as written in records and in output.
public enum SiteField: String, Sendable, Hashable, CaseIterable {
    case name
    case setupOwner = "setup_owner"
    case productionURL = "production_url"
    case stagingURL = "staging_url"
    case sophmateVersion = "sophmate_version"
    case wordpressVersion = "wordpress_version"
    case phpVersion = "php_version"
    case woocommerceVersion = "woocommerce_version"
    case activeTheme = "active_theme"
    case sophmateActive = "sophmate_active"
    case environmentType = "environment_type"
    case language
    case timeZone = "time_zone"
    case providers
    case knowledgeBaseSources = "knowledge_base_sources"
    case woocommerce
    case supportOwner = "support_owner"
    case rollback
    case rollbackPath = "rollback_path"
    case siteHealth = "site_health"

    /// The web addresses `check` validates, production first.
    public static let urls: [SiteField] = [.productionURL, .stagingURL]
    /// The component versions `check` validates and compares with the pack's `requirements`.
    public static let versions: [SiteField] = [.sophmateVersion, .wordpressVersion, .phpVersion, .woocommerceVersion]

    public var isURL: Bool { Self.urls.contains(self) }
    public var isVersion: Bool { Self.versions.contains(self) }
}
