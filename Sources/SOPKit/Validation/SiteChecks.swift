import Foundation

/// Site records: the seven rollout facts present and plausible.
enum SiteChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics = requirements(of: pack)
        for site in pack.sites {
            let values: [String: String?] = Dictionary(site.rolloutFacts.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            for provider in site.providers where provider.credentialsOwner == nil {
                diagnostics.append(.warning("provider-without-owner", "provider '\(provider.name)' names nobody who owns its credentials (credentials_owner)", at: site.fieldLocations["providers"] ?? site.location))
            }
            // Gates block a rollout, not a build: they are warnings here (errors with --strict) and
            // blocking items on the printed checklist. Policies without rollback are PolicyChecks'.
            for gate in RolloutGates.gates(for: site, in: pack) where gate.code != "no-rollback" {
                diagnostics.append(.warning(gate.code, gate.message, at: gate.location))
            }
            for key in ["production_url", "staging_url"] {
                guard let text = values[key] ?? nil, let location = site.fieldLocations[key],
                      let problem = urlProblem(key, text, at: location) else { continue }
                diagnostics.append(problem)
            }
            for key in ["sophmate_version", "wordpress_version", "php_version", "woocommerce_version"] {
                guard let text = site.fieldLocations[key] != nil ? version(key, of: site) : nil, let location = site.fieldLocations[key] else { continue }
                if !isVersion(text) {
                    diagnostics.append(.error("invalid-version", "\(key) '\(text)' is not a version like 8.2.28", at: location))
                }
            }
            if let version = site.activeTheme?.version, let location = site.fieldLocations["active_theme.version"], !isVersion(version) {
                diagnostics.append(.error("invalid-version", "active_theme version '\(version)' is not a version like 1.4.0", at: location))
            }
        }
        return diagnostics
    }

    /// What check says about `text` as the record's `production_url` or `staging_url`; nil when fine.
    static func urlProblem(_ key: String, _ text: String, at location: SourceLocation) -> Diagnostic? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            return .error("invalid-url", "\(key) '\(text)' is not a web address like https://shop.example.com", at: location)
        }
        if key == "production_url", scheme != "https" {
            return .error("insecure-production-url", "production_url must use https, not \(scheme)", at: location)
        }
        return nil
    }

    static func version(_ key: String, of site: Site) -> String? {
        switch key {
        case "sophmate_version": site.sophmateVersion
        case "wordpress_version": site.wordpressVersion
        case "php_version": site.phpVersion
        case "woocommerce_version": site.woocommerceVersion
        default: nil
        }
    }

    static func normalised(_ url: String) -> String {
        var text = url.lowercased().trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Dotted numbers with an optional pre-release or build suffix: 6.8.1, 8.2.28, 2.4.0-beta.2.
    static func isVersion(_ text: String) -> Bool { VersionNumber(text) != nil }

    /// `requirements:` in sopgen.yml: each minimum must be a version, or no site is compared with it.
    static func requirements(of pack: Pack) -> [Diagnostic] {
        pack.settings.requirements.sorted { $0.key < $1.key }.compactMap { key, minimum in
            isVersion(minimum.value) ? nil
                : .error("invalid-version", "requirements.\(key) '\(minimum.value)' is not a version like 8.1 or 6.5.2", at: minimum.location)
        }
    }
}
