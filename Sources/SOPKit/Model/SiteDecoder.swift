import Yams

enum SiteDecoder {
    static let keys = SiteField.allCases.map(\.rawValue)
    /// Keys a provider entry may have; a key or token is refused, never stored.
    static let providerKeys = ["name", "model", "credentials_owner"]

    static func decode(_ context: DecodingContext) -> Site? {
        guard let root = context.compose(),
              let fields = YAMLFields(root, "a site record", allowed: keys, context: context) else { return nil }
        SiteRecordSecrets.check(root, context)
        let id = PackDecoder.stem(of: context.file.path)
        var theme: Site.Theme?
        var themeVersion: Located<String>?
        if let node = fields.valueNode("active_theme") {
            if let name = node.scalar?.string {
                theme = Site.Theme(name: name)
            } else if let themeFields = YAMLFields(node, "active_theme", allowed: ["name", "slug", "version", "parent"], context: context) {
                themeVersion = themeFields.string("version")
                theme = themeFields.string("name", required: true).map {
                    Site.Theme(name: $0.value, slug: themeFields.string("slug")?.value,
                               version: themeVersion?.value, parent: themeFields.string("parent")?.value)
                }
            }
        }
        var providers: [Site.Provider] = []
        for node in fields.list("providers") {
            if case .mapping(let mapping) = node {
                for key in mapping.keys.compactMap({ $0.scalar?.string }) where SecretKeys.looksSecret(key) {
                    context.error(.secretInSite, "providers must not hold credentials ('\(key)'); record who owns them in credentials_owner", at: node)
                }
            }
            guard let provider = YAMLFields(node, "a provider", allowed: providerKeys + SecretKeys.names, context: context),
                  let name = provider.string("name", required: true) else { continue }
            providers.append(Site.Provider(name: name.value, model: provider.string("model")?.value,
                                           credentialsOwner: provider.string("credentials_owner")?.value))
        }
        let woocommerce = fields.fields("woocommerce", "woocommerce", allowed: ["order_statuses", "coupon_rules"])
        let rollback = fields.fields("rollback", "rollback", allowed: ["backup", "restored_by"])
        var fieldLocations: [SiteField: SourceLocation] = [:]
        for field in SiteField.allCases {
            if fields.has(field.rawValue) {
                fieldLocations[field] = context.location(fields.valueNode(field.rawValue))
            } else if fields.hasKey(field.rawValue) {
                // Written but null (`setup_owner: ~`, `php_version:`): a diagnostic points at the key.
                fieldLocations[field] = fields.keyLocation(field.rawValue)
            }
        }
        return Site(
            id: id,
            name: fields.string("name")?.value ?? id,
            setupOwner: fields.string("setup_owner")?.value,
            productionURL: fields.string("production_url")?.value,
            stagingURL: fields.string("staging_url")?.value,
            sophmateVersion: fields.string("sophmate_version")?.value,
            wordpressVersion: fields.string("wordpress_version")?.value,
            phpVersion: fields.string("php_version")?.value,
            woocommerceVersion: fields.string("woocommerce_version")?.value,
            activeTheme: theme,
            sophmateActive: fields.has("sophmate_active") ? fields.bool("sophmate_active", default: true) : nil,
            environmentType: fields.string("environment_type")?.value,
            language: fields.string("language")?.value,
            timeZone: fields.string("time_zone")?.value,
            providers: providers,
            knowledgeBaseSources: fields.strings("knowledge_base_sources").map(\.value),
            orderStatuses: woocommerce?.strings("order_statuses").map(\.value) ?? [],
            couponRules: woocommerce?.strings("coupon_rules").map(\.value) ?? [],
            supportOwner: fields.string("support_owner")?.value,
            backup: rollback?.string("backup")?.value,
            restoredBy: rollback?.string("restored_by")?.value,
            rollbackPath: fields.string("rollback_path")?.value,
            location: fields.location,
            fieldLocations: fieldLocations,
            themeVersionLocation: theme != nil ? themeVersion?.location : nil
        )
    }
}
