import Yams

enum SiteDecoder {
    static let keys = ["name", "setup_owner", "production_url", "staging_url", "sophmate_version", "wordpress_version",
                       "php_version", "active_theme", "support_owner", "rollback_path"]

    static func decode(_ context: DecodingContext) -> Site? {
        guard let root = context.compose(),
              let fields = YAMLFields(root, "a site record", allowed: keys, context: context) else { return nil }
        let id = PackDecoder.stem(of: context.file.path)
        var theme: Site.Theme?
        if let node = fields.valueNode("active_theme") {
            if let name = node.scalar?.string {
                theme = Site.Theme(name: name)
            } else if let themeFields = YAMLFields(node, "active_theme", allowed: ["name", "slug", "version", "parent"], context: context) {
                theme = themeFields.string("name", required: true).map {
                    Site.Theme(name: $0.value, slug: themeFields.string("slug")?.value,
                               version: themeFields.string("version")?.value, parent: themeFields.string("parent")?.value)
                }
            }
        }
        var fieldLocations: [String: SourceLocation] = [:]
        for key in keys where fields.has(key) {
            fieldLocations[key] = context.location(fields.valueNode(key))
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
            activeTheme: theme,
            supportOwner: fields.string("support_owner")?.value,
            rollbackPath: fields.string("rollback_path")?.value,
            location: fields.location,
            fieldLocations: fieldLocations
        )
    }
}
