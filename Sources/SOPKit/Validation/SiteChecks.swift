import Foundation

/// Site records: the seven rollout facts present and plausible.
enum SiteChecks {
    static let rolloutKeys = ["setup_owner", "production_url", "staging_url", "sophmate_version",
                              "wordpress_version", "php_version", "active_theme"]

    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for site in pack.sites {
            let values: [String: String?] = [
                "setup_owner": site.setupOwner, "production_url": site.productionURL, "staging_url": site.stagingURL,
                "sophmate_version": site.sophmateVersion, "wordpress_version": site.wordpressVersion,
                "php_version": site.phpVersion, "active_theme": site.activeTheme?.name,
            ]
            for key in rolloutKeys where (values[key] ?? nil) == nil {
                diagnostics.append(.error("missing-rollout-fact", "site '\(site.id)' does not record \(key); record it before rollout", at: site.location))
            }
            for key in ["production_url", "staging_url"] {
                guard let text = values[key] ?? nil, let location = site.fieldLocations[key] else { continue }
                guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                      let host = url.host, !host.isEmpty else {
                    diagnostics.append(.error("invalid-url", "\(key) '\(text)' is not a web address like https://shop.example.com", at: location))
                    continue
                }
                if key == "production_url", scheme != "https" {
                    diagnostics.append(.error("insecure-production-url", "production_url must use https, not \(scheme)", at: location))
                }
            }
            if let production = site.productionURL, let staging = site.stagingURL, normalised(production) == normalised(staging) {
                diagnostics.append(.error("staging-is-production", "staging_url is the production site; staging must be a separate site",
                                          at: site.fieldLocations["staging_url"] ?? site.location))
            }
            for key in ["sophmate_version", "wordpress_version", "php_version"] {
                guard let text = values[key] ?? nil, let location = site.fieldLocations[key] else { continue }
                if !isVersion(text) {
                    diagnostics.append(.error("invalid-version", "\(key) '\(text)' is not a version like 8.2.28", at: location))
                }
            }
        }
        return diagnostics
    }

    static func normalised(_ url: String) -> String {
        var text = url.lowercased().trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Dotted numbers with an optional pre-release or build suffix: 6.8.1, 8.2.28, 2.4.0-beta.2.
    static func isVersion(_ text: String) -> Bool {
        let core = text.split(separator: "-", maxSplits: 1).first.map { $0.split(separator: "+", maxSplits: 1).first ?? $0 } ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return (1...4).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-+".contains($0)) }
    }
}
